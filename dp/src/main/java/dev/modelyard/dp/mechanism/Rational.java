package dev.modelyard.dp.mechanism;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * A non-negative fraction in lowest terms. The samplers take their parameters as exact fractions so that no
 * probability they realise is rounded (Canonne, Kamath and Steinke 2020, §5); every finite double is one exactly.
 */
public record Rational(BigInteger numerator, BigInteger denominator) implements Comparable<Rational> {
    public Rational {
        if (numerator.signum() < 0 || denominator.signum() <= 0) {
            throw new IllegalArgumentException("a rational here is non-negative with a positive denominator");
        }
        BigInteger divisor = numerator.gcd(denominator);
        if (!divisor.equals(BigInteger.ONE)) {
            numerator = numerator.divide(divisor);
            denominator = denominator.divide(divisor);
        }
    }

    public static Rational of(long integer) {
        return new Rational(BigInteger.valueOf(integer), BigInteger.ONE);
    }

    /** The exact value of a finite, non-negative double. */
    public static Rational of(double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException("expected a finite non-negative number, got " + value);
        }
        BigDecimal exact = new BigDecimal(value);
        return exact.scale() <= 0
                ? new Rational(exact.toBigIntegerExact(), BigInteger.ONE)
                : new Rational(exact.unscaledValue(), BigInteger.TEN.pow(exact.scale()));
    }

    /** this − other; requires this ≥ other. */
    public Rational minus(Rational other) {
        return new Rational(numerator.multiply(other.denominator).subtract(other.numerator.multiply(denominator)),
                denominator.multiply(other.denominator));
    }

    public Rational times(Rational other) {
        return new Rational(numerator.multiply(other.numerator), denominator.multiply(other.denominator));
    }

    public Rational dividedBy(Rational other) {
        return new Rational(numerator.multiply(other.denominator), denominator.multiply(other.numerator));
    }

    public BigInteger floor() {
        return numerator.divide(denominator);
    }

    @Override
    public int compareTo(Rational other) {
        return numerator.multiply(other.denominator).compareTo(other.numerator.multiply(denominator));
    }
}
