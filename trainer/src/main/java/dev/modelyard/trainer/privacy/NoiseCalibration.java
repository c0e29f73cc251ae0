package dev.modelyard.trainer.privacy;

/** Solves for the smallest noise multiplier that keeps a planned run within a target ε at δ. */
public final class NoiseCalibration {
    /**
     * The most noise the trainer will add. Beyond it the noise (σ·C per coordinate of a batch sum) swamps the
     * signal of any batch size the platform runs, so a budget that needs more is refused rather than spent on noise.
     */
    public static final double MAX_NOISE_MULTIPLIER = 100;

    /** Bisection stops once the bracket is this narrow relative to σ; ε changes far less than 1 % across it. */
    private static final double RELATIVE_TOLERANCE = 1e-4;

    private NoiseCalibration() {
    }

    /**
     * The noise multiplier σ, to within {@link #RELATIVE_TOLERANCE}, whose ε after {@code steps} steps is at most
     * {@code targetEpsilon}; ε(σ) decreases with σ, so bisection on the bracket (0, max] finds it.
     *
     * @throws OutOfBudgetException when even {@link #MAX_NOISE_MULTIPLIER} spends more than the target
     */
    public static double noiseMultiplier(double targetEpsilon, double delta, double sampleRate, long steps) {
        if (!(targetEpsilon > 0)) {
            throw new IllegalArgumentException("target epsilon must be positive");
        }
        if (epsilon(MAX_NOISE_MULTIPLIER, delta, sampleRate, steps) > targetEpsilon) {
            throw new OutOfBudgetException("target_epsilon %s at target_delta %s cannot be met in %d steps at sampling rate %s, even with noise multiplier %s"
                    .formatted(targetEpsilon, delta, steps, sampleRate, MAX_NOISE_MULTIPLIER));
        }
        double tooLittle = 0;
        double enough = MAX_NOISE_MULTIPLIER;
        while (enough - tooLittle > RELATIVE_TOLERANCE * enough) {
            double middle = (tooLittle + enough) / 2;
            if (epsilon(middle, delta, sampleRate, steps) <= targetEpsilon) {
                enough = middle;
            } else {
                tooLittle = middle;
            }
        }
        return enough;
    }

    private static double epsilon(double noiseMultiplier, double delta, double sampleRate, long steps) {
        return RdpAccountant.epsilon(sampleRate, noiseMultiplier, steps, delta).epsilon();
    }
}
