package dev.modelyard.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.modelyard.trainer.model.Network;
import org.junit.jupiter.api.Test;

class EvaluationTest {

    @Test
    void macroF1AveragesThePerClassF1OfTheConfusionMatrix() {
        long[][] confusion = {
                {5, 1, 0},
                {2, 3, 1},
                {0, 0, 4}};

        // Class 0: TP 5, FP 2, FN 1 → 10/13; class 1: TP 3, FP 1, FN 3 → 6/10; class 2: TP 4, FP 1, FN 0 → 8/9.
        assertThat(Evaluation.macroF1(confusion)).isCloseTo((10.0 / 13 + 0.6 + 8.0 / 9) / 3, within(1e-12));
    }

    @Test
    void aClassNeitherPresentNorPredictedIsLeftOut() {
        long[][] confusion = {
                {2, 0, 0},
                {0, 0, 0},
                {1, 0, 1}};

        // Class 0: TP 2, FP 1, FN 0 → 4/5; class 2: TP 1, FP 0, FN 1 → 2/3.
        assertThat(Evaluation.macroF1(confusion)).isCloseTo((0.8 + 2.0 / 3) / 2, within(1e-12));
    }

    @Test
    void aClassNeverPredictedCountsAsZero() {
        long[][] confusion = {
                {3, 0},
                {2, 0}};

        // Class 0: TP 3, FP 2, FN 0 → 6/8; class 1: TP 0, FN 2 → 0.
        assertThat(Evaluation.macroF1(confusion)).isCloseTo(0.375, within(1e-12));
    }

    @Test
    void evaluationCountsPredictionsIntoTheMatrix() {
        // Predicts class 1 exactly when the single feature is positive.
        Network network = Network.of(new double[][][] {{{-1}, {1}}}, new double[][] {{0, 0}});
        double[][] inputs = {{-2}, {-1}, {1}, {2}, {3}};
        int[] labels = {0, 1, 1, 1, 0};

        Evaluation evaluation = Evaluation.of(network, inputs, labels);

        // Class 0: TP 1, FP 1, FN 1 → 1/2; class 1: TP 2, FP 1, FN 1 → 2/3.
        assertThat(evaluation.accuracy()).isEqualTo(0.6);
        assertThat(evaluation.macroF1()).isCloseTo((0.5 + 2.0 / 3) / 2, within(1e-12));
    }
}
