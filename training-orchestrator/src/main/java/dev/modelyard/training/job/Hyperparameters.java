package dev.modelyard.training.job;

import java.util.List;

/**
 * How long and how fast a job trains, named as the trainer contract (docs/trainer-contract.md) names them.
 *
 * @param earlyStoppingPatience epochs without a better validation loss before the trainer stops; null: never early
 */
public record Hyperparameters(int nEpochs, int batchSize, double learningRateMultiplier, String optimizer,
                              String lrSchedule, Integer earlyStoppingPatience) {

    public static final String SGD = "sgd";
    public static final String ADAM = "adam";
    public static final List<String> OPTIMIZERS = List.of(SGD, ADAM);
    public static final String CONSTANT = "constant";
    public static final String COSINE = "cosine";
    public static final List<String> LR_SCHEDULES = List.of(CONSTANT, COSINE);

    /** Jobs stored before the optimiser and schedule could be chosen ran with the trainer's defaults. */
    public Hyperparameters {
        optimizer = optimizer == null ? SGD : optimizer;
        lrSchedule = lrSchedule == null ? CONSTANT : lrSchedule;
    }
}
