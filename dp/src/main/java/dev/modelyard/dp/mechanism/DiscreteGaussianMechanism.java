package dev.modelyard.dp.mechanism;

/**
 * Discrete Gaussian noise (Canonne, Kamath and Steinke 2020). For an L2 sensitivity of k grid units and variance
 * parameter σ² (in grid units), adding N_Z(0, σ²) is ρ-zero-concentrated DP with ρ = k²/(2σ²) (their Thm. 4), exactly
 * as for the continuous Gaussian; σ² is kept as the exact fraction k²/(2ρ).
 */
public final class DiscreteGaussianMechanism implements NoiseMechanism {
    /**
     * ρ solved from (ε, δ) is shaved by this relative margin so that rounding in the square roots can never claim a
     * smaller ε than the noise gives.
     */
    private static final double ROUNDING_MARGIN = 1e-12;

    private final Granularity granularity;
    private final ExactSampler sampler;
    private final Rational varianceInUnits;
    private final double noiseScale;
    private final double rho;

    private DiscreteGaussianMechanism(double rho, double l2Sensitivity, Granularity granularity, ExactSampler sampler) {
        if (!(rho > 0) || Double.isInfinite(rho)) {
            throw new IllegalArgumentException("rho must be a positive number");
        }
        long sensitivityUnits = granularity.sensitivityUnits(l2Sensitivity);
        this.granularity = granularity;
        this.sampler = sampler;
        this.rho = rho;
        Rational sensitivitySquared = Rational.of(sensitivityUnits).times(Rational.of(sensitivityUnits));
        this.varianceInUnits = sensitivitySquared.dividedBy(Rational.of(rho).times(Rational.of(2)));
        this.noiseScale = granularity.value() * sensitivityUnits / Math.sqrt(2 * rho);
    }

    /** ρ-zCDP: σ = Δ / √(2ρ). */
    public static DiscreteGaussianMechanism zeroConcentrated(double rho, double l2Sensitivity, Granularity granularity,
                                                             ExactSampler sampler) {
        return new DiscreteGaussianMechanism(rho, l2Sensitivity, granularity, sampler);
    }

    /**
     * (ε, δ)-DP through zCDP: ρ-zCDP implies (ρ + 2√(ρ log(1/δ)), δ)-DP (Bun and Steinke 2016, Prop. 1.3), so the
     * largest ρ that meets ε is ρ = (√(ε + log(1/δ)) − √(log(1/δ)))². Simple and sound, a little looser than the
     * exact (ε, δ) curve of the discrete Gaussian (Canonne et al., Thm. 7).
     */
    public static DiscreteGaussianMechanism approximateDp(double epsilon, double delta, double l2Sensitivity,
                                                          Granularity granularity, ExactSampler sampler) {
        return new DiscreteGaussianMechanism(rhoFor(epsilon, delta), l2Sensitivity, granularity, sampler);
    }

    /** The largest ρ whose zCDP guarantee implies (ε, δ)-DP by the conversion above. */
    public static double rhoFor(double epsilon, double delta) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon) || !(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("epsilon must be positive and delta in (0, 1)");
        }
        double logInverseDelta = -Math.log(delta);
        // √(ε + L) − √L written without the cancellation of the difference.
        double root = epsilon / (Math.sqrt(epsilon + logInverseDelta) + Math.sqrt(logInverseDelta));
        return root * root * (1 - ROUNDING_MARGIN);
    }

    @Override
    public long noisyUnits(long units) {
        return Math.addExact(units, sampler.discreteGaussian(varianceInUnits));
    }

    @Override
    public double noiseScale() {
        return noiseScale;
    }

    @Override
    public Granularity granularity() {
        return granularity;
    }

    public double rho() {
        return rho;
    }
}
