package dev.modelyard.trainer.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DpSgdTest {

    @Test
    void clippingBoundsEveryExampleGradientByTheMaximumNorm() {
        SplittableRandom random = new SplittableRandom(7);
        for (int example = 0; example < 100; example++) {
            double[] gradient = new double[20];
            double scale = random.nextDouble(0.01, 50);
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] = random.nextGaussian() * scale;
            }
            double[] original = gradient.clone();

            double normBefore = DpSgd.clip(gradient, 1.5);

            assertThat(norm(gradient)).isLessThanOrEqualTo(1.5 + 1e-12);
            if (normBefore <= 1.5) {
                assertThat(gradient).containsExactly(original);
            } else {
                // Clipping scales, it never turns the gradient.
                assertThat(gradient[0] / original[0]).isCloseTo(1.5 / normBefore, within(1e-12));
            }
        }
    }

    @Test
    void theSumOfClippedGradientsMovesByAtMostTheClipNormPerExample() {
        DpSgd dpSgd = new DpSgd(1.0, 0, 0.5, 20, new SplittableRandom(1));
        double[] sum = new double[3];
        dpSgd.accumulateClipped(new double[] {30, 40, 0}, sum);
        dpSgd.accumulateClipped(new double[] {0.1, 0, 0}, sum);

        assertThat(sum).containsExactly(new double[] {0.7, 0.8, 0}, within(1e-12));

        dpSgd.privatize(sum, 0);
        assertThat(sum).containsExactly(new double[] {0.07, 0.08, 0}, within(1e-12));
    }

    @Test
    void noiseHasStandardDeviationSigmaTimesClipNorm() {
        DpSgd dpSgd = new DpSgd(2.0, 1.5, 1.0, 1, new SplittableRandom(3));
        double[] noise = new double[200_000];
        dpSgd.privatize(noise, 0);

        double variance = 0;
        for (double value : noise) {
            variance += value * value;
        }
        assertThat(Math.sqrt(variance / noise.length)).isCloseTo(3.0, within(0.03));
    }

    private static double norm(double[] vector) {
        double squares = 0;
        for (double value : vector) {
            squares += value * value;
        }
        return Math.sqrt(squares);
    }
}
