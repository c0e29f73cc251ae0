package dev.modelyard.trainer.optim;

/** How the learning rate changes over the planned steps. */
public enum LearningRateSchedule {
    CONSTANT("constant"),
    /** η·(1 + cos(π·t / T)) / 2 at step t of T planned steps: from η down towards 0 at the last planned step. */
    COSINE("cosine");

    public final String wireName;

    LearningRateSchedule(String wireName) {
        this.wireName = wireName;
    }

    /** The learning rate of the step that follows {@code stepsBefore} steps out of {@code plannedSteps}. */
    public double rate(double learningRate, long stepsBefore, long plannedSteps) {
        return switch (this) {
            case CONSTANT -> learningRate;
            case COSINE -> learningRate * (1 + Math.cos(Math.PI * stepsBefore / plannedSteps)) / 2;
        };
    }
}
