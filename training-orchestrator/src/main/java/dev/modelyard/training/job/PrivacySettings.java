package dev.modelyard.training.job;

/** DP-SGD's budget and clipping: the trainer spends at most {@code targetEpsilon} at {@code targetDelta}. */
public record PrivacySettings(double targetEpsilon, double targetDelta, double maxGradNorm) {
}
