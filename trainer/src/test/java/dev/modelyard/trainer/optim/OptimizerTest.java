package dev.modelyard.trainer.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class OptimizerTest {

    @Test
    void adamsFirstStepMovesEveryParameterByTheLearningRateWhateverTheGradientsScale() {
        double[] parameters = {1, 1, 1};
        Adam adam = new Adam(3);

        adam.step(parameters, new double[] {1e-3, -5, 200}, 0.01, 0);

        // Bias correction makes m̂ = g and v̂ = g², so the step is η·g / (|g| + ε).
        assertThat(parameters[0]).isCloseTo(0.99, within(1e-7));
        assertThat(parameters[1]).isCloseTo(1.01, within(1e-9));
        assertThat(parameters[2]).isCloseTo(0.99, within(1e-9));
    }

    @Test
    void adamsSecondStepFollowsTheBiasCorrectedMoments() {
        double[] parameters = {0};
        Adam adam = new Adam(1);

        adam.step(parameters, new double[] {1}, 0.1, 0);
        adam.step(parameters, new double[] {3}, 0.1, 1);

        double m = (0.9 * 0.1 + 0.1 * 3) / (1 - 0.81);
        double v = (0.999 * 0.001 + 0.001 * 9) / (1 - 0.998001);
        double first = -0.1 / (1 + 1e-8);
        assertThat(parameters[0]).isCloseTo(first - 0.1 * m / (Math.sqrt(v) + 1e-8), within(1e-12));
    }

    @Test
    void sgdWithMomentumAccumulatesVelocity() {
        double[] parameters = {0};
        SgdMomentum sgd = new SgdMomentum(1, 0.9);

        sgd.step(parameters, new double[] {1}, 0.1, 0);
        sgd.step(parameters, new double[] {1}, 0.1, 1);

        assertThat(parameters[0]).isCloseTo(-0.1 - 0.19, within(1e-12));
        assertThat(sgd.state().getFirst()).containsExactly(1.9);
    }

    @Test
    void cosineDecaysFromTheFullRateTowardsZeroOverThePlannedSteps() {
        assertThat(LearningRateSchedule.COSINE.rate(0.1, 0, 100)).isEqualTo(0.1);
        assertThat(LearningRateSchedule.COSINE.rate(0.1, 50, 100)).isCloseTo(0.05, within(1e-15));
        assertThat(LearningRateSchedule.COSINE.rate(0.1, 99, 100)).isCloseTo(0.1 * (1 + Math.cos(Math.PI * 0.99)) / 2, within(1e-15))
                .isLessThan(1e-4);
        assertThat(LearningRateSchedule.CONSTANT.rate(0.1, 99, 100)).isEqualTo(0.1);
    }
}
