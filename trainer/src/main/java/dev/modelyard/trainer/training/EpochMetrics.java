package dev.modelyard.trainer.training;

/**
 * Where training stands after an epoch.
 *
 * @param step    steps taken so far
 * @param epsilon privacy spent so far; null without DP
 */
public record EpochMetrics(int epoch, long step, double trainLoss, double trainAccuracy, double trainMacroF1,
                           double validLoss, double validAccuracy, double validMacroF1, Double epsilon) {
}
