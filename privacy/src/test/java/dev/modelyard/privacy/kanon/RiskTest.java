package dev.modelyard.privacy.kanon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RiskTest {

    @Test
    void eachRecordRisksOneOverItsClassSize() {
        Risk risk = Risk.of(new int[] {1, 2, 3, 4}, 0.3);
        assertThat(risk.highest()).isEqualTo(1.0);
        // Ten records in four classes: the risks sum to one per class.
        assertThat(risk.average()).isCloseTo(0.4, within(1e-12));
        // Classes of 1, 2 and 3 are above 0.3; the class of 4 (0.25) is not.
        assertThat(risk.recordsAtRisk()).isCloseTo(0.6, within(1e-12));
    }

    @Test
    void aRiskEqualToTheThresholdIsNotAtRiskAndEmptyClassesDoNotCount() {
        Risk risk = Risk.of(new int[] {5, 0, 10}, 0.2);
        assertThat(risk.highest()).isEqualTo(0.2);
        assertThat(risk.recordsAtRisk()).isZero();
        assertThat(Risk.of(new int[0], 0.2)).isEqualTo(new Risk(0, 0, 0));
    }
}
