package dev.modelyard.trainer.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * Rényi differential privacy of the Poisson-subsampled Gaussian mechanism that DP-SGD runs once per step
 * (Mironov, Talwar and Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism"), composed
 * over the steps and converted to (ε, δ). Integer orders use the exact binomial expansion, fractional orders the
 * converging two-sided series; both computed in log space like TensorFlow Privacy's {@code rdp_accountant}.
 */
public final class RdpAccountant {
    /** Orders tried for the conversion: the optimum moves with q, σ and the steps, so a wide spread is kept. */
    static final double[] ORDERS = orders();

    private RdpAccountant() {
    }

    /** The smallest ε over the orders, with the order that gave it. */
    public record Epsilon(double epsilon, double order) {
    }

    /** ε spent after {@code steps} steps with sampling rate {@code sampleRate} and noise multiplier σ, at δ. */
    public static Epsilon epsilon(double sampleRate, double noiseMultiplier, long steps, double delta) {
        requireRange("sample rate", sampleRate, 0, 1);
        requireRange("delta", delta, 0, 1);
        if (noiseMultiplier < 0 || Double.isNaN(noiseMultiplier)) {
            throw new IllegalArgumentException("noise multiplier must not be negative");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative");
        }
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = ORDERS[0];
        for (double order : ORDERS) {
            double rdp = steps * rdpPerStep(sampleRate, noiseMultiplier, order);
            double epsilon = toEpsilon(order, rdp, delta);
            if (epsilon < best) {
                best = epsilon;
                bestOrder = order;
            }
        }
        return new Epsilon(Math.max(0, best), bestOrder);
    }

    /** RDP of one step at order α. */
    static double rdpPerStep(double q, double sigma, double alpha) {
        if (q == 0) {
            return 0;
        }
        if (sigma == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * sigma * sigma);
        }
        double logA = alpha == Math.rint(alpha) ? logAIntegerOrder(q, sigma, (int) alpha) : logAFractionalOrder(q, sigma, alpha);
        return logA / (alpha - 1);
    }

    /**
     * (ε, δ) from RDP at one order with the conversion of Balle et al. 2020 ("Hypothesis testing interpretations
     * and Rényi differential privacy", Thm. 21), tighter than the classic ε = rdp + log(1/δ)/(α−1).
     */
    static double toEpsilon(double alpha, double rdp, double delta) {
        if (Double.isInfinite(rdp)) {
            return Double.POSITIVE_INFINITY;
        }
        return rdp - (Math.log(delta) + Math.log(alpha)) / (alpha - 1) + Math.log((alpha - 1) / alpha);
    }

    /** log A_α for integer α: Σ_i C(α,i) q^i (1−q)^(α−i) exp((i²−i)/(2σ²)). */
    private static double logAIntegerOrder(double q, double sigma, int alpha) {
        double logA = Double.NEGATIVE_INFINITY;
        double logBinomial = 0; // log C(α, 0)
        for (int i = 0; i <= alpha; i++) {
            if (i > 0) {
                logBinomial += Math.log(alpha - i + 1) - Math.log(i);
            }
            double term = logBinomial + i * Math.log(q) + (alpha - i) * Math.log1p(-q)
                    + (i * (double) i - i) / (2 * sigma * sigma);
            logA = LogMath.logAdd(logA, term);
        }
        return logA;
    }

    /** log A_α for fractional α: two series over generalized binomial coefficients, summed until negligible. */
    private static double logAFractionalOrder(double q, double sigma, double alpha) {
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        double z0 = sigma * sigma * Math.log(1 / q - 1) + 0.5;
        double logAbsBinomial = 0; // log |C(α, 0)|
        boolean binomialPositive = true;
        for (int i = 0; ; i++) {
            if (i > 0) {
                double factor = (alpha - i + 1) / i;
                logAbsBinomial += Math.log(Math.abs(factor));
                binomialPositive ^= factor < 0;
            }
            double j = alpha - i;
            double logT0 = logAbsBinomial + i * Math.log(q) + j * Math.log1p(-q);
            double logT1 = logAbsBinomial + j * Math.log(q) + i * Math.log1p(-q);
            double logE0 = Math.log(0.5) + LogMath.logErfc((i - z0) / (Math.sqrt(2) * sigma));
            double logE1 = Math.log(0.5) + LogMath.logErfc((z0 - j) / (Math.sqrt(2) * sigma));
            double logS0 = logT0 + (i * (double) i - i) / (2 * sigma * sigma) + logE0;
            double logS1 = logT1 + (j * j - j) / (2 * sigma * sigma) + logE1;
            if (binomialPositive) {
                logA0 = LogMath.logAdd(logA0, logS0);
                logA1 = LogMath.logAdd(logA1, logS1);
            } else {
                logA0 = LogMath.logSub(logA0, logS0);
                logA1 = LogMath.logSub(logA1, logS1);
            }
            if (Math.max(logS0, logS1) < -30) {
                return LogMath.logAdd(logA0, logA1);
            }
        }
    }

    private static double[] orders() {
        List<Double> orders = new ArrayList<>();
        for (int tenth = 11; tenth < 110; tenth++) {
            orders.add(tenth / 10.0);
        }
        for (int order = 11; order <= 64; order++) {
            orders.add((double) order);
        }
        orders.add(128.0);
        orders.add(256.0);
        orders.add(512.0);
        return orders.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static void requireRange(String name, double value, double exclusiveLow, double inclusiveHigh) {
        if (!(value > exclusiveLow && value <= inclusiveHigh)) {
            throw new IllegalArgumentException(name + " must be in (" + exclusiveLow + ", " + inclusiveHigh + "]");
        }
    }
}
