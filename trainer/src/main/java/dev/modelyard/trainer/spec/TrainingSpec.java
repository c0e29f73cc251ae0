package dev.modelyard.trainer.spec;

import dev.modelyard.trainer.data.ColumnSelection;
import dev.modelyard.trainer.optim.LearningRateSchedule;
import dev.modelyard.trainer.optim.OptimizerType;
import java.nio.file.Path;
import java.util.List;

/**
 * What to train, on which files, and where to write the result: the {@code spec.json} of the trainer contract
 * (docs/lifecycle.md).
 *
 * @param validationFile null: the trainer holds out part of the training file
 * @param columns        which columns are categorical and which are excluded
 * @param baseModel      null: training starts from freshly initialised weights
 * @param freezeLayers   how many of the base model's lowest layers keep their weights; 0 without a base model
 * @param privacy        null: plain SGD
 * @param checkpointEverySteps steps between checkpoints, besides the one at each epoch's end
 */
public record TrainingSpec(
        Path trainingFile,
        Path validationFile,
        String labelColumn,
        ColumnSelection columns,
        ModelSpec model,
        Path baseModel,
        int freezeLayers,
        Hyperparameters hyperparameters,
        long seed,
        PrivacySpec privacy,
        int checkpointEverySteps,
        Path outputDir) {

    public enum ModelType {
        LOGISTIC_REGRESSION("logistic_regression"),
        MLP("mlp");

        public final String wireName;

        ModelType(String wireName) {
            this.wireName = wireName;
        }
    }

    /** @param hiddenLayers widths of the ReLU hidden layers, input side first; empty for logistic regression */
    public record ModelSpec(ModelType type, List<Integer> hiddenLayers) {
    }

    /** @param earlyStoppingPatience epochs without a lower validation loss before stopping; 0: off */
    public record Hyperparameters(int epochs, int batchSize, double learningRateMultiplier, OptimizerType optimizer,
                                  LearningRateSchedule lrSchedule, int earlyStoppingPatience) {
    }

    /** @param maxGradNorm the clipping bound C of each example's gradient */
    public record PrivacySpec(double targetEpsilon, double targetDelta, double maxGradNorm) {
    }
}
