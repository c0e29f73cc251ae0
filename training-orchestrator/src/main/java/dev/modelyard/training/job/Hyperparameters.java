package dev.modelyard.training.job;

/** How long and how fast a job trains. */
public record Hyperparameters(int nEpochs, int batchSize, double learningRateMultiplier) {
}
