package dev.modelyard.dp.accounting;

/** Arithmetic on numbers kept as their natural logarithms, which the accountant's sums would overflow otherwise. */
final class LogMath {
    private LogMath() {
    }

    /** log(exp(logX) + exp(logY)). */
    static double logAdd(double logX, double logY) {
        double smaller = Math.min(logX, logY);
        double larger = Math.max(logX, logY);
        if (smaller == Double.NEGATIVE_INFINITY) {
            return larger;
        }
        return Math.log1p(Math.exp(smaller - larger)) + larger;
    }

    /** log(exp(logX) - exp(logY)); requires logX >= logY. */
    static double logSub(double logX, double logY) {
        if (logX < logY) {
            throw new IllegalArgumentException("log subtraction would be negative");
        }
        if (logY == Double.NEGATIVE_INFINITY) {
            return logX;
        }
        if (logX == logY) {
            return Double.NEGATIVE_INFINITY;
        }
        double difference = Math.expm1(logX - logY);
        // exp overflows only when logY is negligible next to logX.
        return Double.isInfinite(difference) ? logX : Math.log(difference) + logY;
    }

    /**
     * log(erfc(x)) without underflow for large x, from the Chebyshev fit of Numerical Recipes (3rd ed., §6.2.2),
     * whose form t·exp(−x² + P(t)) gives the logarithm directly; relative error about 1.2e-16.
     */
    static double logErfc(double x) {
        if (x < 0) {
            return Math.log(2 - Math.exp(logErfcNonNegative(-x)));
        }
        return logErfcNonNegative(x);
    }

    private static final double[] ERFC_CHEBYSHEV = {
        -1.3026537197817094, 6.4196979235649026e-1, 1.9476473204185836e-2, -9.561514786808631e-3,
        -9.46595344482036e-4, 3.66839497852761e-4, 4.2523324806907e-5, -2.0278578112534e-5,
        -1.624290004647e-6, 1.303655835580e-6, 1.5626441722e-8, -8.5238095915e-8,
        6.529054439e-9, 5.059343495e-9, -9.91364156e-10, -2.27365122e-10,
        9.6467911e-11, 2.394038e-12, -6.886027e-12, 8.94487e-13,
        3.13092e-13, -1.12708e-13, 3.81e-16, 7.106e-15,
        -1.523e-15, -9.4e-17, 1.21e-16, -2.8e-17};

    private static double logErfcNonNegative(double z) {
        double t = 2.0 / (2.0 + z);
        double ty = 4.0 * t - 2.0;
        double d = 0;
        double dd = 0;
        for (int j = ERFC_CHEBYSHEV.length - 1; j > 0; j--) {
            double previous = d;
            d = ty * d - dd + ERFC_CHEBYSHEV[j];
            dd = previous;
        }
        return Math.log(t) - z * z + 0.5 * (ERFC_CHEBYSHEV[0] + ty * d) - dd;
    }
}
