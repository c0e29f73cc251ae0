package dev.modelyard.trainer.training;

import dev.modelyard.trainer.privacy.NoiseCalibration;
import dev.modelyard.trainer.privacy.RdpAccountant;
import dev.modelyard.trainer.spec.TrainingSpec.PrivacySpec;

/**
 * How DP-SGD will run: Poisson sampling at rate q = batch_size / rows, clipping to C and the noise multiplier
 * solved so that the planned steps spend at most the target ε.
 */
public record PrivacyPlan(double sampleRate, double noiseMultiplier, double maxGradNorm, double delta, long steps) {

    /** @throws dev.modelyard.trainer.privacy.OutOfBudgetException when no allowed noise meets the target */
    public static PrivacyPlan plan(PrivacySpec privacy, int rows, int batchSize, int epochs) {
        double sampleRate = sampleRate(rows, batchSize);
        long steps = (long) epochs * Trainer.stepsPerEpoch(rows, batchSize);
        double noise = NoiseCalibration.noiseMultiplier(privacy.targetEpsilon(), privacy.targetDelta(), sampleRate, steps);
        return new PrivacyPlan(sampleRate, noise, privacy.maxGradNorm(), privacy.targetDelta(), steps);
    }

    static double sampleRate(int rows, int batchSize) {
        return Math.min(1.0, (double) batchSize / rows);
    }

    /** ε spent after {@code steps} steps of this plan. */
    public double epsilonAfter(long steps) {
        return RdpAccountant.epsilon(sampleRate, noiseMultiplier, steps, delta).epsilon();
    }
}
