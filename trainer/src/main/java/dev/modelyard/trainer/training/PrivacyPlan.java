package dev.modelyard.trainer.training;

import dev.modelyard.dp.accounting.NoiseCalibration;
import dev.modelyard.dp.accounting.RdpAccountant;
import dev.modelyard.dp.accounting.SampledGaussian;
import dev.modelyard.trainer.spec.TrainingSpec.PrivacySpec;

/**
 * How DP-SGD will run: Poisson sampling at rate q = batch_size / rows, clipping to C and the noise multiplier
 * solved so that the planned steps spend at most the target ε.
 */
public record PrivacyPlan(double sampleRate, double noiseMultiplier, double maxGradNorm, double delta, long steps) {
    /**
     * The most noise the trainer will add. Beyond it the noise (σ·C per coordinate of a batch sum) swamps the
     * signal of any batch size the platform runs, so a budget that needs more is refused rather than spent on noise.
     */
    public static final double MAX_NOISE_MULTIPLIER = 100;

    /** Noise is solved until its ε is within 0.01 % below the target: far finer than a budget is ever stated. */
    private static final double EPSILON_TOLERANCE = 1e-4;

    private static final RdpAccountant ACCOUNTANT = new RdpAccountant();
    private static final NoiseCalibration CALIBRATION = new NoiseCalibration(ACCOUNTANT, MAX_NOISE_MULTIPLIER, EPSILON_TOLERANCE);

    /** @throws dev.modelyard.dp.accounting.OutOfBudgetException when no allowed noise meets the target */
    public static PrivacyPlan plan(PrivacySpec privacy, int rows, int batchSize, int epochs) {
        double sampleRate = sampleRate(rows, batchSize);
        long steps = (long) epochs * Trainer.stepsPerEpoch(rows, batchSize);
        double noise = noiseMultiplier(privacy.targetEpsilon(), privacy.targetDelta(), sampleRate, steps);
        return new PrivacyPlan(sampleRate, noise, privacy.maxGradNorm(), privacy.targetDelta(), steps);
    }

    /** ε at δ of {@code steps} steps at sampling rate q with noise multiplier σ, with the order that gave it. */
    public static RdpAccountant.Epsilon epsilon(double sampleRate, double noiseMultiplier, long steps, double delta) {
        return ACCOUNTANT.epsilon(new SampledGaussian(sampleRate, noiseMultiplier, steps), delta);
    }

    /**
     * The noise multiplier that keeps {@code steps} steps at sampling rate q within the target ε at δ.
     *
     * @throws dev.modelyard.dp.accounting.OutOfBudgetException when even {@link #MAX_NOISE_MULTIPLIER} spends more
     */
    public static double noiseMultiplier(double targetEpsilon, double delta, double sampleRate, long steps) {
        return CALIBRATION.noiseMultiplier(targetEpsilon, delta, sampleRate, steps);
    }

    static double sampleRate(int rows, int batchSize) {
        return Math.min(1.0, (double) batchSize / rows);
    }

    /** ε spent after {@code steps} steps of this plan. */
    public double epsilonAfter(long steps) {
        return epsilon(sampleRate, noiseMultiplier, steps, delta).epsilon();
    }
}
