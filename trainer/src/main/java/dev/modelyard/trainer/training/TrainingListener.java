package dev.modelyard.trainer.training;

/** Hears how training progresses, to report it. */
public interface TrainingListener {
    /** Every {@link Trainer#STEP_REPORT_INTERVAL} steps and on the first: the batch's mean loss before the update. */
    void step(long step, int epoch, double loss);

    void epoch(EpochMetrics metrics);
}
