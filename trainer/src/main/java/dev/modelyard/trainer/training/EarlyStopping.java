package dev.modelyard.trainer.training;

/**
 * Stops training once the validation loss has not improved for {@code patience} epochs in a row. Its state follows
 * from the epoch history alone, so a resumed run rebuilds it by replaying the history.
 */
final class EarlyStopping {
    private final int patience;
    private double bestValidLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private int epochsWithoutImprovement;

    /** @param patience 0: never stop early */
    EarlyStopping(int patience) {
        this.patience = patience;
    }

    /** Takes an epoch's figures; returns whether training should stop after it. */
    boolean record(EpochMetrics metrics) {
        if (metrics.validLoss() < bestValidLoss) {
            bestValidLoss = metrics.validLoss();
            bestEpoch = metrics.epoch();
            epochsWithoutImprovement = 0;
        } else {
            epochsWithoutImprovement++;
        }
        return stopped();
    }

    boolean stopped() {
        return patience > 0 && epochsWithoutImprovement >= patience;
    }

    int bestEpoch() {
        return bestEpoch;
    }

    double bestValidLoss() {
        return bestValidLoss;
    }
}
