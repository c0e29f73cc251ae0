package dev.modelyard.trainer.training;

/** Hears how training progresses, to report it; every event is optional to hear. */
public interface TrainingListener {

    /** Hears nothing: for callers that only want the result. */
    TrainingListener SILENT = new TrainingListener() {
    };

    /** Training goes on from a checkpoint taken after {@code step} steps, {@code epochsDone} epochs of them complete. */
    default void resumed(long step, int epochsDone) {
    }

    /** Every {@link Trainer#STEP_REPORT_INTERVAL} steps and on the first: the batch's mean loss before the update. */
    default void step(long step, int epoch, double loss) {
    }

    default void epoch(EpochMetrics metrics) {
    }

    /** The validation loss has not improved on {@code bestValidLoss} (of epoch {@code bestEpoch}) for the patience. */
    default void earlyStopped(int epoch, int bestEpoch, double bestValidLoss) {
    }
}
