package dev.modelyard.trainer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.data.TrainingData;
import dev.modelyard.trainer.data.TrainingDataLoader;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import dev.modelyard.trainer.onnx.OnnxModelReader;
import dev.modelyard.trainer.spec.SpecReader;
import dev.modelyard.trainer.spec.TrainingSpec;
import dev.modelyard.trainer.training.CheckpointFile;
import dev.modelyard.trainer.training.PrivacyPlan;
import dev.modelyard.trainer.training.Trainer;
import dev.modelyard.trainer.training.TrainingResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

/** {@code train --spec spec.json}: reads the spec and data, plans privacy, trains, writes the outputs. */
final class TrainCommand {
    private static final String CHECKPOINT = "checkpoints/latest.ckpt";

    private TrainCommand() {
    }

    static void run(Path specFile, ProgressOutput progress) throws IOException {
        TrainingSpec spec = SpecReader.read(specFile);
        TrainingData data = TrainingDataLoader.load(spec.trainingFile(), spec.validationFile(), spec.labelColumn(),
                spec.columns(), spec.seed());
        SplittableRandom random = new SplittableRandom(spec.seed());
        Classifier start = spec.baseModel() == null ? fresh(spec, data, random.split()) : warmStart(spec, data);
        int rows = data.train().size();
        TrainingSpec.Hyperparameters hyperparameters = spec.hyperparameters();
        // Planned before any training so that a budget that cannot be met costs nothing.
        PrivacyPlan privacy = spec.privacy() == null ? null
                : PrivacyPlan.plan(spec.privacy(), rows, hyperparameters.batchSize(), hyperparameters.epochs());
        progress.started(rows, data.featureNames().size(), data.categoricalColumns().size(), data.classLabels().size(),
                Trainer.stepsPerEpoch(rows, hyperparameters.batchSize()),
                privacy == null ? null : privacy.noiseMultiplier());
        double learningRate = hyperparameters.optimizer().baseLearningRate * hyperparameters.learningRateMultiplier();
        Trainer trainer = new Trainer(new Trainer.Settings(hyperparameters.epochs(), hyperparameters.batchSize(),
                hyperparameters.optimizer(), learningRate, hyperparameters.lrSchedule(),
                hyperparameters.earlyStoppingPatience(), spec.freezeLayers(), privacy, random.nextLong()));
        CheckpointFile checkpoints = new CheckpointFile(spec.outputDir().resolve(CHECKPOINT),
                fingerprint(specFile, spec), spec.checkpointEverySteps());
        TrainingResult result = trainer.train(start, data.train(), data.valid(), progress, checkpoints);
        ObjectNode metrics = OutputFiles.metrics(result, data, privacy, hyperparameters.optimizer(), learningRate);
        OutputFiles.write(spec.outputDir(), result.classifier(), metrics);
        // The outputs now hold everything; a later run of the same spec trains afresh to the same result.
        checkpoints.delete();
        // The completed line carries the final figures; the per-epoch history is already in the epoch lines.
        ObjectNode finalMetrics = metrics.deepCopy();
        finalMetrics.remove("history");
        progress.completed(finalMetrics, result.last().epsilon());
    }

    /**
     * SHA-256 of the spec and of every file it names: a checkpoint is resumed only by a run of the same spec on the
     * same data, since anything else would continue someone else's training.
     */
    private static String fingerprint(Path specFile, TrainingSpec spec) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
        for (Path file : new Path[] {specFile, spec.trainingFile(), spec.validationFile(), spec.baseModel()}) {
            if (file != null) {
                try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                    in.transferTo(OutputStream.nullOutputStream());
                }
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static Classifier fresh(TrainingSpec spec, TrainingData data, SplittableRandom random) {
        Network network = Network.initialized(Classifier.inputWidth(data.featureNames(), data.categoricalColumns()),
                spec.model().hiddenLayers(), data.classLabels().size(), random);
        return new Classifier(data.featureNames(), data.categoricalColumns(), data.classLabels(),
                Standardizer.fit(data.train().features()), network);
    }

    /**
     * Continues from the base model's weights, standardisation and vocabularies, which only fit the same features,
     * categorical columns with the same vocabularies, and classes.
     */
    private static Classifier warmStart(TrainingSpec spec, TrainingData data) {
        Classifier base = OnnxModelReader.read(spec.baseModel());
        if (!base.featureNames().equals(data.featureNames())) {
            throw new InvalidInputException("base_model was trained on features " + base.featureNames()
                    + " but the training file has " + data.featureNames());
        }
        if (!base.categoricalColumns().equals(data.categoricalColumns())) {
            throw new InvalidInputException("base_model was trained on categorical columns " + base.categoricalColumns()
                    + " but the training file has " + data.categoricalColumns()
                    + "; the vocabularies must match");
        }
        if (!base.classLabels().equals(data.classLabels())) {
            throw new InvalidInputException("base_model predicts classes " + base.classLabels()
                    + " but the training file has " + data.classLabels());
        }
        if (!base.network().hiddenLayers().equals(spec.model().hiddenLayers())) {
            throw new InvalidInputException("base_model has hidden layers " + base.network().hiddenLayers()
                    + " but model.hidden_layers is " + spec.model().hiddenLayers());
        }
        return base;
    }
}
