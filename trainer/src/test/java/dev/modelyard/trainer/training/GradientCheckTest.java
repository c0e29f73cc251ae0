package dev.modelyard.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelyard.trainer.model.Network;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Backpropagation against central finite differences of the loss, parameter by parameter. */
class GradientCheckTest {

    @Test
    void backpropagationMatchesFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(4);
        Network network = Network.initialized(3, List.of(5, 4), 3, random);
        double[] input = {0.3, -1.2, 0.8};
        int label = 2;
        double[] gradient = new double[network.parameters().length];
        network.lossAndGradient(input, label, gradient);

        double[] parameters = network.parameters();
        double[] scratch = new double[parameters.length];
        double h = 1e-6;
        for (int i = 0; i < parameters.length; i++) {
            double saved = parameters[i];
            parameters[i] = saved + h;
            double lossUp = network.lossAndGradient(input, label, scratch);
            parameters[i] = saved - h;
            double lossDown = network.lossAndGradient(input, label, scratch);
            parameters[i] = saved;
            assertThat(gradient[i]).as("parameter %d", i).isCloseTo((lossUp - lossDown) / (2 * h), within(1e-6));
        }
    }
}
