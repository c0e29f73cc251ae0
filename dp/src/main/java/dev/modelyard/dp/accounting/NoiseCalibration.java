package dev.modelyard.dp.accounting;

/**
 * Solves for the noise multiplier that keeps one planned training within a target ε at δ, the way Opacus's
 * {@code get_noise_multiplier} does: a bracket [σ_low, σ_high] with ε(σ_high) ≤ target, narrowed by bisection until
 * ε(σ_high) is within the tolerance of the target, and σ_high returned so that the answer never overspends.
 */
public final class NoiseCalibration {
    private final RdpAccountant accountant;
    private final double maxNoiseMultiplier;
    private final double relativeTolerance;

    /**
     * @param maxNoiseMultiplier the most noise the caller will add; a target that needs more is refused
     * @param relativeTolerance  bisection stops once ε(σ) ≥ (1 − tolerance) · target; relative rather than Opacus's
     *                           absolute 0.01 so that small targets are solved as precisely as large ones
     */
    public NoiseCalibration(RdpAccountant accountant, double maxNoiseMultiplier, double relativeTolerance) {
        if (!(maxNoiseMultiplier > 0) || !(relativeTolerance > 0 && relativeTolerance < 1)) {
            throw new IllegalArgumentException("the maximum noise must be positive and the tolerance in (0, 1)");
        }
        this.accountant = accountant;
        this.maxNoiseMultiplier = maxNoiseMultiplier;
        this.relativeTolerance = relativeTolerance;
    }

    /**
     * The noise multiplier σ whose ε after {@code steps} steps at {@code sampleRate} is at most, and within the
     * tolerance of, {@code targetEpsilon}.
     * <p>
     * The bracket: ε(σ) decreases with σ and is infinite at σ = 0, so 0 always has too little noise; the upper end
     * starts at 1 and doubles (capped at the maximum) until its ε meets the target, so the bracket is at most twice
     * the answer wide before bisection starts.
     *
     * @throws OutOfBudgetException when even the maximum noise spends more than the target
     */
    public double noiseMultiplier(double targetEpsilon, double delta, double sampleRate, long steps) {
        if (!(targetEpsilon > 0) || Double.isInfinite(targetEpsilon)) {
            throw new IllegalArgumentException("target epsilon must be a positive number");
        }
        double tooLittle = 0;
        double enough = Math.min(1, maxNoiseMultiplier);
        double epsilonOfEnough = epsilon(enough, delta, sampleRate, steps);
        while (epsilonOfEnough > targetEpsilon) {
            if (enough >= maxNoiseMultiplier) {
                throw new OutOfBudgetException("target_epsilon %s at target_delta %s cannot be met in %d steps at sampling rate %s, even with noise multiplier %s"
                        .formatted(targetEpsilon, delta, steps, sampleRate, maxNoiseMultiplier));
            }
            tooLittle = enough;
            enough = Math.min(2 * enough, maxNoiseMultiplier);
            epsilonOfEnough = epsilon(enough, delta, sampleRate, steps);
        }
        while (epsilonOfEnough < (1 - relativeTolerance) * targetEpsilon) {
            double middle = (tooLittle + enough) / 2;
            if (middle == tooLittle || middle == enough) {
                break; // the bracket cannot narrow further in double precision
            }
            double epsilonOfMiddle = epsilon(middle, delta, sampleRate, steps);
            if (epsilonOfMiddle <= targetEpsilon) {
                enough = middle;
                epsilonOfEnough = epsilonOfMiddle;
            } else {
                tooLittle = middle;
            }
        }
        return enough;
    }

    private double epsilon(double noiseMultiplier, double delta, double sampleRate, long steps) {
        return accountant.epsilon(new SampledGaussian(sampleRate, noiseMultiplier, steps), delta).epsilon();
    }
}
