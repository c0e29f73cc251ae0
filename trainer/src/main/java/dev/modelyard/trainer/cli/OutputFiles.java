package dev.modelyard.trainer.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelyard.trainer.data.TrainingData;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.onnx.OnnxExporter;
import dev.modelyard.trainer.optim.OptimizerType;
import dev.modelyard.trainer.training.EpochMetrics;
import dev.modelyard.trainer.training.PrivacyPlan;
import dev.modelyard.trainer.training.TrainingResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** What a successful run leaves in the output folder: model.onnx, metrics.json and signature.json. */
final class OutputFiles {
    static final String MODEL = "model.onnx";
    static final String METRICS = "metrics.json";
    static final String SIGNATURE = "signature.json";

    private OutputFiles() {
    }

    static void write(Path outputDir, Classifier classifier, ObjectNode metrics) throws IOException {
        Files.createDirectories(outputDir);
        Files.write(outputDir.resolve(MODEL), OnnxExporter.export(classifier));
        Files.writeString(outputDir.resolve(METRICS),
                ProgressOutput.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(metrics));
        Files.writeString(outputDir.resolve(SIGNATURE),
                ProgressOutput.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(OnnxExporter.signature(classifier)));
    }

    /** The final metrics with the per-epoch history, as metrics.json holds them. */
    static ObjectNode metrics(TrainingResult result, TrainingData data, PrivacyPlan privacy, OptimizerType optimizer,
                              double learningRate) {
        EpochMetrics last = result.last();
        ObjectNode metrics = ProgressOutput.JSON.createObjectNode();
        metrics.put("train_loss", last.trainLoss());
        metrics.put("train_accuracy", last.trainAccuracy());
        metrics.put("train_macro_f1", last.trainMacroF1());
        metrics.put("valid_loss", last.validLoss());
        metrics.put("valid_accuracy", last.validAccuracy());
        metrics.put("valid_macro_f1", last.validMacroF1());
        metrics.put("epochs", result.history().size());
        metrics.put("steps", result.steps());
        metrics.put("stopped_early", result.stoppedEarly());
        metrics.put("rows", data.train().size());
        metrics.put("valid_rows", data.valid().size());
        metrics.put("features", data.featureNames().size());
        metrics.put("categorical_columns", data.categoricalColumns().size());
        metrics.put("classes", data.classLabels().size());
        metrics.set("ignored_columns", strings(data.ignoredColumns()));
        metrics.put("optimizer", optimizer.wireName);
        metrics.put("learning_rate", learningRate);
        metrics.put("epsilon", last.epsilon());
        metrics.put("delta", privacy == null ? null : privacy.delta());
        metrics.put("noise_multiplier", privacy == null ? null : privacy.noiseMultiplier());
        metrics.put("max_grad_norm", privacy == null ? null : privacy.maxGradNorm());
        metrics.put("sample_rate", privacy == null ? null : privacy.sampleRate());
        ArrayNode history = metrics.putArray("history");
        result.history().forEach(epoch -> history.add(epochJson(epoch)));
        return metrics;
    }

    static ObjectNode epochJson(EpochMetrics metrics) {
        ObjectNode epoch = ProgressOutput.JSON.createObjectNode();
        epoch.put("epoch", metrics.epoch());
        epoch.put("step", metrics.step());
        epoch.put("train_loss", metrics.trainLoss());
        epoch.put("train_accuracy", metrics.trainAccuracy());
        epoch.put("train_macro_f1", metrics.trainMacroF1());
        epoch.put("valid_loss", metrics.validLoss());
        epoch.put("valid_accuracy", metrics.validAccuracy());
        epoch.put("valid_macro_f1", metrics.validMacroF1());
        epoch.put("epsilon", metrics.epsilon());
        return epoch;
    }

    private static ArrayNode strings(List<String> values) {
        ArrayNode array = ProgressOutput.JSON.createArrayNode();
        values.forEach(array::add);
        return array;
    }
}
