package dev.modelyard.dp.mechanism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** Empirical moments of 200,000 seeded draws against the exact ones, within four standard errors. */
class ExactSamplerTest {
    private static final int DRAWS = 200_000;

    private final ExactSampler sampler = new ExactSampler(new Random(20_240_611));

    /** P(x) ∝ r^|x| with r = exp(−1/scale) has variance 2r / (1 − r)². */
    @Test
    void discreteLaplaceHasMeanZeroAndItsVariance() {
        Rational scale = Rational.of(5).dividedBy(Rational.of(2));
        double r = Math.exp(-1 / 2.5);

        assertMoments(() -> sampler.discreteLaplace(scale), 2 * r / ((1 - r) * (1 - r)));
    }

    @Test
    void discreteGaussianHasMeanZeroAndItsVariance() {
        double sigmaSquared = 10.0 / 3;
        Rational variance = Rational.of(10).dividedBy(Rational.of(3));

        assertMoments(() -> sampler.discreteGaussian(variance), discreteGaussianVariance(sigmaSquared));
    }

    @Test
    void bernoulliOfExpMinusGammaHasItsProbability() {
        Rational gamma = Rational.of(3).dividedBy(Rational.of(2));
        double expected = Math.exp(-1.5);

        int hits = 0;
        for (int i = 0; i < DRAWS; i++) {
            hits += sampler.bernoulliExpMinus(gamma) ? 1 : 0;
        }
        assertThat((double) hits / DRAWS).isCloseTo(expected, within(4 * Math.sqrt(expected * (1 - expected) / DRAWS)));
    }

    private static void assertMoments(LongSupplier draw, double variance) {
        double sum = 0;
        double sumOfSquares = 0;
        double sumOfFourthPowers = 0;
        for (int i = 0; i < DRAWS; i++) {
            double x = draw.getAsLong();
            sum += x;
            sumOfSquares += x * x;
            sumOfFourthPowers += x * x * x * x;
        }
        double mean = sum / DRAWS;
        double secondMoment = sumOfSquares / DRAWS;
        double varianceStandardError = Math.sqrt((sumOfFourthPowers / DRAWS - secondMoment * secondMoment) / DRAWS);

        assertThat(Math.abs(mean)).isLessThan(4 * Math.sqrt(variance / DRAWS));
        assertThat(Math.abs(secondMoment - variance)).isLessThan(4 * varianceStandardError);
    }

    /** Σ x² e^(−x²/2σ²) / Σ e^(−x²/2σ²), slightly below σ² for small σ. */
    private static double discreteGaussianVariance(double sigmaSquared) {
        double weights = 0;
        double weightedSquares = 0;
        for (int x = -200; x <= 200; x++) {
            double weight = Math.exp(-x * (double) x / (2 * sigmaSquared));
            weights += weight;
            weightedSquares += x * (double) x * weight;
        }
        return weightedSquares / weights;
    }
}
