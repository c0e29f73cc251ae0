package dev.modelyard.trainer.training;

/** Hears how training progresses, to report it. */
public interface TrainingListener {
    /** Training goes on from a checkpoint taken after {@code step} steps, {@code epochsDone} epochs of them complete. */
    void resumed(long step, int epochsDone);

    /** Every {@link Trainer#STEP_REPORT_INTERVAL} steps and on the first: the batch's mean loss before the update. */
    void step(long step, int epoch, double loss);

    void epoch(EpochMetrics metrics);

    /** The validation loss has not improved on {@code bestValidLoss} (of epoch {@code bestEpoch}) for the patience. */
    void earlyStopped(int epoch, int bestEpoch, double bestValidLoss);
}
