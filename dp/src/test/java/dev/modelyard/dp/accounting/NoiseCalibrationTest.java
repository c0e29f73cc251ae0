package dev.modelyard.dp.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NoiseCalibrationTest {
    private static final RdpAccountant ACCOUNTANT = new RdpAccountant();
    private static final NoiseCalibration CALIBRATION = new NoiseCalibration(ACCOUNTANT, 100, 1e-3);

    @ParameterizedTest(name = "target {0} at q = {1} over {2} steps")
    @CsvSource({
        "0.5, 0.01, 10000",
        "1.0, 0.0356, 145",
        "3.0, 0.004267, 14063",
        "8.0, 0.1, 500"})
    void theSolvedNoiseSpendsTheTargetWithinOnePercent(double target, double sampleRate, long steps) {
        double noise = CALIBRATION.noiseMultiplier(target, 1e-5, sampleRate, steps);

        double spent = ACCOUNTANT.epsilon(new SampledGaussian(sampleRate, noise, steps), 1e-5).epsilon();
        assertThat(spent).isLessThanOrEqualTo(target).isGreaterThanOrEqualTo(0.99 * target);
    }

    /** The inverse of Abadi et al.'s setting: 1.0355 at q = 0.01 over 10,000 steps needs σ = 4. */
    @Test
    void solvingInvertsTheAccountant() {
        assertThat(CALIBRATION.noiseMultiplier(1.0355, 1e-5, 0.01, 10_000)).isCloseTo(4.0, within(0.01));
    }

    @Test
    void aTargetNoAllowedNoiseMeetsIsRefused() {
        assertThatThrownBy(() -> CALIBRATION.noiseMultiplier(0.01, 1e-5, 1.0, 100_000))
                .isInstanceOf(OutOfBudgetException.class)
                .hasMessageContaining("cannot be met");
    }
}
