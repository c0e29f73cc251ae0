package dev.modelyard.dp.mechanism;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class NoiseMechanismTest {
    private final ExactSampler sampler = new ExactSampler(new Random(7));

    @Test
    void laplaceReleasesLieOnTheGridAndItsScaleIsSensitivityOverEpsilon() {
        Granularity grid = new Granularity(0x1p-3);
        // Δ = 3.7 is 29.6 grid units, so 30: the scale is 0.125 · 30 / 0.3 = 12.5.
        DiscreteLaplaceMechanism laplace = new DiscreteLaplaceMechanism(0.3, 3.7, grid, sampler);

        assertThat(laplace.noiseScale()).isCloseTo(12.5, within(1e-12));
        assertOnGrid(laplace, grid);
    }

    @Test
    void gaussianReleasesLieOnTheGridAndItsScaleMatchesRho() {
        Granularity grid = new Granularity(0x1p-4);
        DiscreteGaussianMechanism gaussian = DiscreteGaussianMechanism.zeroConcentrated(0.5, 2.0, grid, sampler);

        assertThat(gaussian.noiseScale()).isCloseTo(2.0 / Math.sqrt(2 * 0.5), within(1e-12));
        assertThat(gaussian.rho()).isEqualTo(0.5);
        assertOnGrid(gaussian, grid);
        assertOnGrid(DiscreteGaussianMechanism.approximateDp(0.7, 1e-6, 2.0, grid, sampler), grid);
    }

    /** ρ solved for (ε, δ) converts back (Bun and Steinke 2016) to ε, from below. */
    @Test
    void rhoForEpsilonAndDeltaConvertsBack() {
        for (double epsilon : new double[] {1e-4, 0.1, 1, 8}) {
            double rho = DiscreteGaussianMechanism.rhoFor(epsilon, 1e-6);
            double back = rho + 2 * Math.sqrt(rho * Math.log(1 / 1e-6));

            assertThat(back).isLessThanOrEqualTo(epsilon).isCloseTo(epsilon, within(1e-9 * epsilon));
        }
    }

    @Test
    void granularityIsAPowerOfTwoAFractionOfTheSensitivity() {
        assertThat(Granularity.forSensitivity(100).value()).isEqualTo(0x1p-4);
        assertThat(Granularity.forSensitivity(1).value()).isEqualTo(0x1p-10);
        assertThatThrownBy(() -> new Granularity(0.3)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Granularity(0.25).units(1.13)).isEqualTo(5);
        assertThat(new Granularity(0.25).sensitivityUnits(1.01)).isEqualTo(5);
    }

    private static void assertOnGrid(NoiseMechanism mechanism, Granularity grid) {
        for (double value : new double[] {0, 0.1, -3.14159, 1234.5678, 1e-9}) {
            double released = mechanism.release(value);
            assertThat(released / grid.value()).isEqualTo(Math.rint(released / grid.value()));
        }
    }
}
