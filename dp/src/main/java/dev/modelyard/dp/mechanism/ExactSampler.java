package dev.modelyard.dp.mechanism;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.util.Random;

/**
 * Exact samplers on the integers after Canonne, Kamath and Steinke 2020, "The Discrete Gaussian for Differential
 * Privacy" (Algorithms 1–3): every probability is a fraction compared against uniform integers, so no
 * floating-point rounding shapes the noise, which is what lets the textbook floating-point Laplace leak the value it
 * hides (Mironov 2012, "On significance of the least significant bits for differential privacy").
 * Fractions are passed as numerator and denominator internally, unreduced, to keep the inner loops cheap.
 */
public final class ExactSampler {
    private final Random random;

    /** Draws from {@link SecureRandom}. */
    public ExactSampler() {
        this(new SecureRandom());
    }

    /** Draws from the given source; a seeded one makes tests reproducible. */
    public ExactSampler(Random random) {
        this.random = random;
    }

    /** A uniform integer in [0, bound). */
    public int uniform(int bound) {
        return random.nextInt(bound);
    }

    /** True with probability exp(−γ), γ ≥ 0 (Algorithm 1). */
    public boolean bernoulliExpMinus(Rational gamma) {
        return bernoulliExpMinus(gamma.numerator(), gamma.denominator());
    }

    /**
     * An integer drawn with probability ∝ exp(−|x| / scale), the discrete Laplace or two-sided geometric distribution
     * (Algorithm 2, with scale = t/s).
     */
    public long discreteLaplace(Rational scale) {
        if (scale.numerator().signum() == 0) {
            throw new IllegalArgumentException("the scale must be positive");
        }
        BigInteger t = scale.numerator();
        BigInteger s = scale.denominator();
        while (true) {
            BigInteger u = uniformBelow(t);
            if (!bernoulliExpMinusAtMostOne(u, t)) {
                continue;
            }
            // X = U + t·V is geometric with P(X = x) ∝ exp(−x/t), so Y = ⌊X/s⌋ is geometric with ratio exp(−s/t).
            long v = 0;
            while (bernoulliExpMinusAtMostOne(BigInteger.ONE, BigInteger.ONE)) {
                v++;
            }
            long y = u.add(t.multiply(BigInteger.valueOf(v))).divide(s).longValueExact();
            boolean negative = random.nextBoolean();
            if (negative && y == 0) {
                continue; // zero would otherwise be drawn twice as often as it should
            }
            return negative ? -y : y;
        }
    }

    /**
     * An integer drawn with probability ∝ exp(−x² / (2σ²)), the discrete Gaussian (Algorithm 3): a discrete Laplace
     * of scale t = ⌊σ⌋ + 1, accepted with probability exp(−(|Y| − σ²/t)² / (2σ²)).
     */
    public long discreteGaussian(Rational sigmaSquared) {
        BigInteger a = sigmaSquared.numerator();
        BigInteger b = sigmaSquared.denominator();
        if (a.signum() == 0) {
            throw new IllegalArgumentException("the variance must be positive");
        }
        BigInteger t = sigmaSquared.floor().sqrt().add(BigInteger.ONE);
        Rational laplaceScale = new Rational(t, BigInteger.ONE);
        // With σ² = a/b: γ = (|Y|·b·t − a)² / (2·a·b·t²).
        BigInteger bt = b.multiply(t);
        BigInteger gammaDenominator = a.multiply(bt).multiply(t).shiftLeft(1);
        while (true) {
            long y = discreteLaplace(laplaceScale);
            BigInteger distance = BigInteger.valueOf(Math.abs(y)).multiply(bt).subtract(a);
            if (bernoulliExpMinus(distance.multiply(distance), gammaDenominator)) {
                return y;
            }
        }
    }

    /** exp(−n/d) as exp(−1)^⌊n/d⌋ · exp(−(n/d − ⌊n/d⌋)). */
    private boolean bernoulliExpMinus(BigInteger numerator, BigInteger denominator) {
        BigInteger[] wholeAndRest = numerator.divideAndRemainder(denominator);
        for (BigInteger k = BigInteger.ZERO; k.compareTo(wholeAndRest[0]) < 0; k = k.add(BigInteger.ONE)) {
            if (!bernoulliExpMinusAtMostOne(BigInteger.ONE, BigInteger.ONE)) {
                return false;
            }
        }
        return bernoulliExpMinusAtMostOne(wholeAndRest[1], denominator);
    }

    /** exp(−γ) for γ = n/d ∈ [0, 1]: the parity of the first K with Bernoulli(γ/K) false. */
    private boolean bernoulliExpMinusAtMostOne(BigInteger numerator, BigInteger denominator) {
        long k = 1;
        while (bernoulli(numerator, denominator.multiply(BigInteger.valueOf(k)))) {
            k++;
        }
        return k % 2 == 1;
    }

    /** True with probability n/d ≤ 1. */
    private boolean bernoulli(BigInteger numerator, BigInteger denominator) {
        return uniformBelow(denominator).compareTo(numerator) < 0;
    }

    private BigInteger uniformBelow(BigInteger bound) {
        if (bound.bitLength() < Long.SIZE) {
            return BigInteger.valueOf(random.nextLong(bound.longValue()));
        }
        while (true) {
            BigInteger candidate = new BigInteger(bound.bitLength(), random);
            if (candidate.compareTo(bound) < 0) {
                return candidate;
            }
        }
    }
}
