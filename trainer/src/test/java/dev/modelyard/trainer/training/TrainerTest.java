package dev.modelyard.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.trainer.SyntheticData;
import dev.modelyard.trainer.data.Dataset;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import dev.modelyard.trainer.optim.SgdMomentum;
import dev.modelyard.trainer.spec.TrainingSpec.PrivacySpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TrainerTest {
    private static final Dataset TRAIN = SyntheticData.generate(1_800, 1);
    private static final Dataset VALID = SyntheticData.generate(200, 2);
    private static final int BATCH_SIZE = 64;
    private static final int EPOCHS = 5;

    @Test
    void logisticRegressionLearnsASeparableProblem() {
        TrainingResult result = plain(fresh(List.of(), 11), EPOCHS, new RecordingListener());

        assertThat(result.last().validAccuracy()).isGreaterThan(0.85);
        assertThat(result.last().epsilon()).isNull();
        assertThat(result.steps()).isEqualTo(EPOCHS * 29L);
    }

    @Test
    void mlpLearnsItToo() {
        TrainingResult result = plain(fresh(List.of(16, 8), 12), EPOCHS, new RecordingListener());

        assertThat(result.last().validAccuracy()).isGreaterThan(0.85);
    }

    @Test
    void dpSgdStillLearnsWithinItsBudget() {
        PrivacyPlan plan = PrivacyPlan.plan(new PrivacySpec(3.0, 1e-5, 1.0), TRAIN.size(), BATCH_SIZE, EPOCHS);
        RecordingListener listener = new RecordingListener();

        TrainingResult result = new Trainer(EPOCHS, BATCH_SIZE, SgdMomentum.BASE_LEARNING_RATE, plan, new SplittableRandom(5))
                .train(fresh(List.of(), 13), TRAIN, VALID, listener);

        assertThat(result.last().validAccuracy()).isGreaterThan(0.7);
        assertThat(result.last().epsilon()).isLessThanOrEqualTo(3.0).isGreaterThan(2.9);
        assertThat(listener.epochs).extracting(EpochMetrics::epsilon).isSorted();
        assertThat(plan.steps()).isEqualTo(result.steps());
    }

    @Test
    void theSameSeedTrainsTheSameModel() {
        double[] first = plain(fresh(List.of(8), 3), 2, new RecordingListener()).classifier().network().parameters();
        double[] second = plain(fresh(List.of(8), 3), 2, new RecordingListener()).classifier().network().parameters();

        assertThat(second).containsExactly(first);
    }

    @Test
    void aWarmStartContinuesFromTheBaseWeights() {
        Classifier base = plain(fresh(List.of(), 21), 2, new RecordingListener()).classifier();
        RecordingListener continued = new RecordingListener();
        RecordingListener fromScratch = new RecordingListener();

        plain(base, 1, continued);
        plain(fresh(List.of(), 21), 1, fromScratch);

        assertThat(continued.firstStepLoss()).isLessThan(fromScratch.firstStepLoss());
        assertThat(continued.firstStepLoss()).isLessThan(0.5);
    }

    private static TrainingResult plain(Classifier start, int epochs, RecordingListener listener) {
        return new Trainer(epochs, BATCH_SIZE, SgdMomentum.BASE_LEARNING_RATE, null, new SplittableRandom(9))
                .train(start, TRAIN, VALID, listener);
    }

    private static Classifier fresh(List<Integer> hiddenLayers, long seed) {
        Network network = Network.initialized(4, hiddenLayers, 2, new SplittableRandom(seed));
        return new Classifier(SyntheticData.FEATURE_NAMES, SyntheticData.CLASS_LABELS, Standardizer.fit(TRAIN.features()), network);
    }

    private static final class RecordingListener implements TrainingListener {
        final List<Double> stepLosses = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();

        @Override
        public void step(long step, int epoch, double loss) {
            stepLosses.add(loss);
        }

        @Override
        public void epoch(EpochMetrics metrics) {
            epochs.add(metrics);
        }

        double firstStepLoss() {
            return stepLosses.getFirst();
        }
    }
}
