package dev.modelyard.dp.statistics;

import dev.modelyard.dp.PrivacyCost;
import dev.modelyard.dp.mechanism.ExactSampler;
import dev.modelyard.dp.mechanism.Rational;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Quantiles by the exponential mechanism (McSherry and Talwar 2007) over a finite grid of candidates in the clamped
 * range. The utility of candidate c for probability p is u(c) = −|#{x ≤ c} − p·n|: one row more or less moves the
 * count by at most 1 and p·n by p, so u has sensitivity 1 and choosing c with probability ∝ exp(ε_p·u(c)/2) is
 * ε_p-DP. The k quantiles asked for get ε/k each.
 * <p>
 * Sampling is exact: a uniformly drawn candidate is kept with probability exp(−ε_p·(u* − u(c))/2), u* the best
 * utility, which yields exactly the exponential mechanism's distribution; the acceptance is an exact
 * Bernoulli(exp(−γ)) with γ rational, so no floating-point weights are involved. Expected tries are at most the
 * number of candidates.
 */
final class ExponentialQuantiles {
    /** Candidates are the multiples of the smallest power of two that leaves at most this many in the range. */
    private static final int MAX_CANDIDATES = 1024;

    private ExponentialQuantiles() {
    }

    static Release<List<Double>> release(double[] values, double lower, double upper, double[] probabilities,
                                         double epsilon, ExactSampler sampler) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("epsilon must be a positive number");
        }
        if (probabilities.length == 0 || Arrays.stream(probabilities).anyMatch(p -> !(p >= 0 && p <= 1))) {
            throw new IllegalArgumentException("probabilities must be in [0, 1], at least one");
        }
        double[] sorted = Arrays.stream(values).map(value -> Math.clamp(value, lower, upper)).sorted().toArray();
        double[] candidates = candidates(lower, upper);
        long[] ranks = new long[candidates.length];
        for (int i = 0; i < candidates.length; i++) {
            ranks[i] = countAtMost(sorted, candidates[i]);
        }
        // ε_p / 2 as an exact fraction, so the k shares add up to exactly ε.
        Rational halfShare = Rational.of(epsilon).dividedBy(Rational.of(2L * probabilities.length));
        List<Double> quantiles = new ArrayList<>(probabilities.length);
        for (double probability : probabilities) {
            Rational target = Rational.of(probability).times(Rational.of(sorted.length));
            quantiles.add(candidates[sample(ranks, target, halfShare, sampler)]);
        }
        double rankScale = 2 * probabilities.length / epsilon;
        return new Release<>(List.copyOf(quantiles), rankScale, PrivacyCost.pure(epsilon));
    }

    private static int sample(long[] ranks, Rational target, Rational halfShare, ExactSampler sampler) {
        Rational[] distances = new Rational[ranks.length];
        Rational closest = null;
        for (int i = 0; i < ranks.length; i++) {
            Rational rank = Rational.of(ranks[i]);
            distances[i] = rank.compareTo(target) >= 0 ? rank.minus(target) : target.minus(rank);
            if (closest == null || distances[i].compareTo(closest) < 0) {
                closest = distances[i];
            }
        }
        while (true) {
            int candidate = sampler.uniform(ranks.length);
            if (sampler.bernoulliExpMinus(halfShare.times(distances[candidate].minus(closest)))) {
                return candidate;
            }
        }
    }

    private static double[] candidates(double lower, double upper) {
        double range = upper - lower;
        double step = Math.scalb(1.0, Math.getExponent(range / (MAX_CANDIDATES - 1)));
        if (range / step > MAX_CANDIDATES - 1) {
            step *= 2;
        }
        long first = (long) Math.ceil(lower / step);
        long last = (long) Math.floor(upper / step);
        double[] candidates = new double[(int) (last - first + 1)];
        for (int i = 0; i < candidates.length; i++) {
            candidates[i] = (first + i) * step;
        }
        return candidates;
    }

    /** #{x ≤ bound} in a sorted array. */
    private static long countAtMost(double[] sorted, double bound) {
        int low = 0;
        int high = sorted.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (sorted[middle] <= bound) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
