package dev.modelyard.dp.statistics;

import dev.modelyard.dp.mechanism.ExactSampler;
import dev.modelyard.dp.mechanism.Granularity;
import dev.modelyard.dp.mechanism.NoiseMechanism;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Differentially private statistics over rows where each row belongs to one individual, for neighbouring data sets
 * that differ by one row added or removed. Contributions are bounded before any noise: a row counts once, and values
 * are clamped to public bounds [lower, upper] the caller chooses without looking at the data.
 * <p>
 * Clamped values are summed as whole units of the noise grid, so the sum is exact integer arithmetic and its
 * sensitivity is what the bounds say (floating-point sums can exceed it: Casacuberta et al. 2022, "Widespread
 * underestimation of sensitivity in differentially private libraries").
 */
public final class PrivateStatistics {
    /** The histogram bin that counts the rows whose category is not among those asked for. */
    public static final String OTHER = "<other>";

    private final ExactSampler sampler;

    /** Noise from {@link java.security.SecureRandom}. */
    public PrivateStatistics() {
        this(new ExactSampler());
    }

    public PrivateStatistics(ExactSampler sampler) {
        this.sampler = sampler;
    }

    /** The number of rows, sensitivity 1; the noisy count is an integer and may be negative. */
    public Release<Long> count(long rows, Budget budget) {
        NoiseMechanism mechanism = budget.mechanism(1, 1, Granularity.ONE, sampler);
        return new Release<>(mechanism.noisyUnits(rows), mechanism.noiseScale(), budget.cost());
    }

    /** The sum of the values clamped to [lower, upper]; sensitivity max(|lower|, |upper|). */
    public Release<Double> sum(double[] values, double lower, double upper, Budget budget) {
        requireBounds(lower, upper);
        double sensitivity = Math.max(Math.abs(lower), Math.abs(upper));
        Granularity grid = Granularity.forSensitivity(sensitivity);
        NoiseMechanism mechanism = budget.mechanism(sensitivity, sensitivity, grid, sampler);
        long total = clampedSumInUnits(values, lower, upper, 0, grid, grid.sensitivityUnits(sensitivity));
        return new Release<>(grid.toValue(mechanism.noisyUnits(total)), mechanism.noiseScale(), budget.cost());
    }

    /**
     * The mean of the values clamped to [lower, upper]: a noisy sum over a noisy count, half the budget each, clamped
     * to the bounds. The sum is of the values' distances from the midpoint (as Google's BoundedMean does), which
     * halves its sensitivity to (upper − lower)/2 whatever the bounds' sign.
     */
    public MeanRelease mean(double[] values, double lower, double upper, Budget budget) {
        requireBounds(lower, upper);
        Budget half = budget.share(2);
        double midpoint = lower / 2 + upper / 2;
        double halfRange = upper / 2 - lower / 2;
        Granularity grid = Granularity.forSensitivity(halfRange);
        NoiseMechanism sumMechanism = half.mechanism(halfRange, halfRange, grid, sampler);
        long centredSum = clampedSumInUnits(values, lower, upper, midpoint, grid, grid.sensitivityUnits(halfRange));
        double noisyCentredSum = grid.toValue(sumMechanism.noisyUnits(centredSum));
        Release<Long> count = count(values.length, half);
        double mean = midpoint + noisyCentredSum / Math.max(1, count.value());
        return new MeanRelease(Math.clamp(mean, lower, upper), sumMechanism.noiseScale(), count.noiseScale(),
                half.cost().plus(count.cost()));
    }

    /**
     * Counts per category, in the order given, then {@link #OTHER} for the rows in none of them (null included).
     * Each row lands in exactly one bin, so one row more or less changes one count by 1: L1 and L2 sensitivity 1.
     * The categories must be public (not read off the data), or the set of bins itself would leak.
     */
    public Release<Map<String, Long>> histogram(List<String> rows, List<String> categories, Budget budget) {
        Set<String> known = new HashSet<>(categories);
        if (known.size() != categories.size() || known.contains(OTHER) || known.contains(null)) {
            throw new IllegalArgumentException("categories must be distinct, not null and not " + OTHER);
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        categories.forEach(category -> counts.put(category, 0L));
        counts.put(OTHER, 0L);
        for (String row : rows) {
            counts.merge(known.contains(row) ? row : OTHER, 1L, Long::sum);
        }
        NoiseMechanism mechanism = budget.mechanism(1, 1, Granularity.ONE, sampler);
        counts.replaceAll((category, count) -> mechanism.noisyUnits(count));
        return new Release<>(counts, mechanism.noiseScale(), budget.cost());
    }

    /**
     * The quantiles at the given probabilities of the values clamped to [lower, upper], by the exponential mechanism
     * with ε split equally between them; see {@link ExponentialQuantiles}. Pure ε-DP.
     */
    public Release<List<Double>> quantiles(double[] values, double lower, double upper, double[] probabilities, double epsilon) {
        requireBounds(lower, upper);
        return ExponentialQuantiles.release(values, lower, upper, probabilities, epsilon, sampler);
    }

    /** Σ round((clamp(v) − offset) / grid), each term also held to ±limit units so no rounding can exceed the bound. */
    private static long clampedSumInUnits(double[] values, double lower, double upper, double offset, Granularity grid, long limit) {
        long total = 0;
        for (double value : values) {
            if (Double.isNaN(value)) {
                throw new IllegalArgumentException("values must be numbers");
            }
            long units = grid.units(Math.clamp(value, lower, upper) - offset);
            total = Math.addExact(total, Math.clamp(units, -limit, limit));
        }
        return total;
    }

    private static void requireBounds(double lower, double upper) {
        if (!(lower < upper) || Double.isInfinite(lower) || Double.isInfinite(upper)) {
            throw new IllegalArgumentException("bounds must be finite with lower < upper");
        }
    }
}
