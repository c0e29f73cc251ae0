package dev.modelyard.dp.mechanism;

/**
 * ε-differential privacy by discrete Laplace noise, the geometric mechanism of Ghosh, Roughgarden and Sundararajan
 * 2009: for an L1 sensitivity of k grid units, P(noise = z) ∝ exp(−ε|z|/k), which changes by at most a factor e^ε
 * when the true value moves by k units.
 */
public final class DiscreteLaplaceMechanism implements NoiseMechanism {
    private final Granularity granularity;
    private final ExactSampler sampler;
    private final Rational scaleInUnits;
    private final double noiseScale;

    public DiscreteLaplaceMechanism(double epsilon, double l1Sensitivity, Granularity granularity, ExactSampler sampler) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive number");
        }
        long sensitivityUnits = granularity.sensitivityUnits(l1Sensitivity);
        this.granularity = granularity;
        this.sampler = sampler;
        this.scaleInUnits = Rational.of(sensitivityUnits).dividedBy(Rational.of(epsilon));
        this.noiseScale = granularity.value() * sensitivityUnits / epsilon;
    }

    @Override
    public long noisyUnits(long units) {
        return Math.addExact(units, sampler.discreteLaplace(scaleInUnits));
    }

    @Override
    public double noiseScale() {
        return noiseScale;
    }

    @Override
    public Granularity granularity() {
        return granularity;
    }
}
