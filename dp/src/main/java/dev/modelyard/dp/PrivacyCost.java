package dev.modelyard.dp;

/**
 * What a release spends of a privacy budget, as (ε, δ): ε alone for pure differential privacy, δ > 0 where a
 * Gaussian mechanism or RDP accounting was used. Costs of separate releases on the same data add up
 * (basic composition), which is what {@link #plus} does.
 */
public record PrivacyCost(double epsilon, double delta) {
    public PrivacyCost {
        if (!(epsilon >= 0) || Double.isInfinite(epsilon) || !(delta >= 0 && delta < 1)) {
            throw new IllegalArgumentException("a cost needs a finite epsilon >= 0 and a delta in [0, 1)");
        }
    }

    public static PrivacyCost pure(double epsilon) {
        return new PrivacyCost(epsilon, 0);
    }

    public PrivacyCost plus(PrivacyCost other) {
        return new PrivacyCost(epsilon + other.epsilon, delta + other.delta);
    }
}
