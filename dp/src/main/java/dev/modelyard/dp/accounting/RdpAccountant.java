package dev.modelyard.dp.accounting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Rényi differential privacy of the Poisson-subsampled Gaussian mechanism that DP-SGD runs once per step
 * (Mironov, Talwar and Zhang 2019, "Rényi Differential Privacy of the Sampled Gaussian Mechanism"), composed
 * over steps and trainings by adding RDP order by order, and converted to (ε, δ) at the best order. Integer
 * orders use the exact binomial expansion, fractional orders the converging two-sided series; both computed in
 * log space like TensorFlow Privacy's {@code rdp_accountant}.
 */
public final class RdpAccountant {
    private final double[] orders;
    private final RdpConversion conversion;

    /** The smallest ε over the orders, with the order that gave it. */
    public record Epsilon(double epsilon, double order) {
    }

    /**
     * Orders 1.1 to 10.9 in tenths, 11 to 64 and 128, 256, 512: the optimum moves with q, σ and the steps, so a
     * wide spread is kept; with the tighter conversion of Balle et al. 2020.
     */
    public RdpAccountant() {
        this(defaultOrders(), RdpConversion.TIGHT_BALLE_2020);
    }

    public RdpAccountant(double[] orders, RdpConversion conversion) {
        if (orders.length == 0 || Arrays.stream(orders).anyMatch(order -> !(order > 1) || Double.isInfinite(order))) {
            throw new IllegalArgumentException("orders must be finite and greater than 1");
        }
        this.orders = orders.clone();
        this.conversion = conversion;
    }

    /** ε spent by one training at δ. */
    public Epsilon epsilon(SampledGaussian training, double delta) {
        return epsilon(List.of(training), delta);
    }

    /** ε spent by all the trainings together at δ: their RDP adds up at every order before the conversion. */
    public Epsilon epsilon(List<SampledGaussian> trainings, double delta) {
        if (!(delta > 0 && delta <= 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1]");
        }
        double[] rdp = rdp(trainings);
        double best = Double.POSITIVE_INFINITY;
        double bestOrder = orders[0];
        for (int i = 0; i < orders.length; i++) {
            double epsilon = Double.isInfinite(rdp[i]) ? Double.POSITIVE_INFINITY : conversion.epsilon(orders[i], rdp[i], delta);
            if (epsilon < best) {
                best = epsilon;
                bestOrder = orders[i];
            }
        }
        return new Epsilon(Math.max(0, best), bestOrder);
    }

    /** The composed RDP of the trainings at each of {@link #orders()}. */
    public double[] rdp(List<SampledGaussian> trainings) {
        double[] total = new double[orders.length];
        for (SampledGaussian training : trainings) {
            if (training.steps() == 0) {
                continue; // no step, no cost, even without noise (where 0 × ∞ would give NaN)
            }
            for (int i = 0; i < orders.length; i++) {
                total[i] += training.steps() * rdpPerStep(training.sampleRate(), training.noiseMultiplier(), orders[i]);
            }
        }
        return total;
    }

    public double[] orders() {
        return orders.clone();
    }

    /** RDP at order α of one step with sampling rate q and noise multiplier σ. */
    public static double rdpPerStep(double q, double sigma, double alpha) {
        if (sigma == 0) {
            return Double.POSITIVE_INFINITY;
        }
        if (q == 1) {
            return alpha / (2 * sigma * sigma);
        }
        double logA = alpha == Math.rint(alpha) ? logAIntegerOrder(q, sigma, (int) alpha) : logAFractionalOrder(q, sigma, alpha);
        return logA / (alpha - 1);
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

    private static double[] defaultOrders() {
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
}
