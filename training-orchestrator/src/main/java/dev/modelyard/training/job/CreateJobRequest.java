package dev.modelyard.training.job;

import dev.modelyard.training.executor.TrainerResources;
import java.util.List;

/** The body of {@code POST /v1/fine_tuning/jobs}, as sent: every field may be missing; the validator decides. */
public record CreateJobRequest(String model, String trainingFile, String validationFile,
                               HyperparametersInput hyperparameters, String suffix, Long seed, PrivacyInput privacy,
                               String labelColumn, MethodInput method, TrainerResources resources,
                               List<String> categoricalColumns, List<String> excludedColumns) {

    /** A request that leaves the choice of columns to the trainer. */
    public CreateJobRequest(String model, String trainingFile, String validationFile,
                            HyperparametersInput hyperparameters, String suffix, Long seed, PrivacyInput privacy,
                            String labelColumn, MethodInput method, TrainerResources resources) {
        this(model, trainingFile, validationFile, hyperparameters, suffix, seed, privacy, labelColumn, method, resources,
                null, null);
    }

    public record HyperparametersInput(Integer nEpochs, Integer batchSize, Double learningRateMultiplier, String optimizer,
                                       String lrSchedule, Integer earlyStoppingPatience) {
    }

    public record PrivacyInput(Double targetEpsilon, Double targetDelta, Double maxGradNorm) {
    }

    public record MethodInput(String type, List<Integer> hiddenLayers, Integer freezeLayers) {
    }
}
