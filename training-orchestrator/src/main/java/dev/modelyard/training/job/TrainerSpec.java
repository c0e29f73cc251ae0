package dev.modelyard.training.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;

/** The trainer's {@code spec.json}, field for field as the trainer contract (docs/trainer-contract.md) lays it out. */
final class TrainerSpec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainerSpec() {
    }

    /** {@code validationFile} and {@code baseModel} are null when the job has none. */
    static ObjectNode of(FineTuningJob job, Path trainingFile, Path validationFile, Path baseModel, Path outputDir) {
        ObjectNode spec = JSON.createObjectNode();
        spec.put("job_id", job.id);
        spec.put("training_file", trainingFile.toString());
        spec.put("validation_file", validationFile == null ? null : validationFile.toString());
        spec.put("label_column", job.labelColumn);
        ColumnChoice columns = job.columns == null ? ColumnChoice.TRAINER_RULE : job.columns;
        if (columns.categoricalColumns() == null) {
            spec.putNull("categorical_columns");
        } else {
            columns.categoricalColumns().forEach(spec.putArray("categorical_columns")::add);
        }
        columns.excludedColumns().forEach(spec.putArray("excluded_columns")::add);
        ObjectNode model = spec.putObject("model");
        model.put("type", job.method.type());
        job.method.hiddenLayers().forEach(model.putArray("hidden_layers")::add);
        spec.put("base_model", baseModel == null ? null : baseModel.toString());
        spec.put("freeze_layers", job.method.freezeLayers());
        ObjectNode hyperparameters = spec.putObject("hyperparameters");
        hyperparameters.put("n_epochs", job.hyperparameters.nEpochs());
        hyperparameters.put("batch_size", job.hyperparameters.batchSize());
        hyperparameters.put("learning_rate_multiplier", job.hyperparameters.learningRateMultiplier());
        hyperparameters.put("optimizer", job.hyperparameters.optimizer());
        hyperparameters.put("lr_schedule", job.hyperparameters.lrSchedule());
        hyperparameters.put("early_stopping_patience", job.hyperparameters.earlyStoppingPatience());
        spec.put("seed", job.seed);
        if (job.privacy == null) {
            spec.putNull("privacy");
        } else {
            ObjectNode privacy = spec.putObject("privacy");
            privacy.put("target_epsilon", job.privacy.targetEpsilon());
            privacy.put("target_delta", job.privacy.targetDelta());
            privacy.put("max_grad_norm", job.privacy.maxGradNorm());
        }
        spec.put("output_dir", outputDir.toString());
        return spec;
    }
}
