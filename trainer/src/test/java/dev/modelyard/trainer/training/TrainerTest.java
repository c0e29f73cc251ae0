package dev.modelyard.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.trainer.SyntheticData;
import dev.modelyard.trainer.data.Dataset;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import dev.modelyard.trainer.optim.LearningRateSchedule;
import dev.modelyard.trainer.optim.OptimizerType;
import dev.modelyard.trainer.spec.TrainingSpec.PrivacySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

        TrainingResult result = new Trainer(settings(OptimizerType.SGD, LearningRateSchedule.CONSTANT, EPOCHS, 0, plan))
                .train(fresh(List.of(), 13), TRAIN, VALID, listener, null);

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

    @Test
    void frozenLayersKeepTheirWeightsUnderDpSgdWithAdam() {
        Classifier base = plain(fresh(List.of(8), 22), 1, new RecordingListener()).classifier();
        double[] baseParameters = base.network().parameters().clone();
        int firstTrainable = base.network().firstParameterOf(1);
        PrivacyPlan plan = PrivacyPlan.plan(new PrivacySpec(3.0, 1e-5, 1.0), TRAIN.size(), BATCH_SIZE, 2);
        Trainer.Settings frozen = new Trainer.Settings(2, BATCH_SIZE, OptimizerType.ADAM, OptimizerType.ADAM.baseLearningRate,
                LearningRateSchedule.CONSTANT, 0, 1, plan, 9);

        double[] trained = new Trainer(frozen).train(base, TRAIN, VALID, new RecordingListener(), null)
                .classifier().network().parameters();

        assertThat(Arrays.copyOfRange(trained, 0, firstTrainable))
                .containsExactly(Arrays.copyOfRange(baseParameters, 0, firstTrainable));
        assertThat(Arrays.copyOfRange(trained, firstTrainable, trained.length))
                .isNotEqualTo(Arrays.copyOfRange(baseParameters, firstTrainable, baseParameters.length));
    }

    @Test
    void adamLearnsItWithACosineSchedule() {
        TrainingResult result = new Trainer(settings(OptimizerType.ADAM, LearningRateSchedule.COSINE, EPOCHS, 0, null))
                .train(fresh(List.of(16, 8), 14), TRAIN, VALID, new RecordingListener(), null);

        assertThat(result.last().validAccuracy()).isGreaterThan(0.85);
        assertThat(result.last().validMacroF1()).isGreaterThan(0.85);
    }

    @Test
    void earlyStoppingEndsTrainingOnceTheValidationLossStopsImproving() {
        RecordingListener listener = new RecordingListener();

        TrainingResult result = new Trainer(settings(OptimizerType.ADAM, LearningRateSchedule.CONSTANT, 100, 2, null))
                .train(fresh(List.of(), 15), TRAIN, VALID, listener, null);

        assertThat(result.stoppedEarly()).isTrue();
        assertThat(result.history()).hasSizeLessThan(100);
        assertThat(listener.earlyStops).containsExactly(result.last().epoch());
        assertThat(result.steps()).isEqualTo(result.history().size() * 29L);
    }

    @Test
    void aResumedRunEndsBitForBitWhereAnUninterruptedOneDoes(@TempDir Path dir) {
        PrivacyPlan plan = PrivacyPlan.plan(new PrivacySpec(3.0, 1e-5, 1.0), TRAIN.size(), BATCH_SIZE, EPOCHS);
        for (PrivacyPlan privacy : Arrays.asList(null, plan)) {
            Trainer.Settings settings = settings(OptimizerType.ADAM, LearningRateSchedule.COSINE, EPOCHS, 0, privacy);
            String name = privacy == null ? "plain" : "dp";
            TrainingResult uninterrupted = new Trainer(settings).train(fresh(List.of(8), 16), TRAIN, VALID, new RecordingListener(),
                    new CheckpointFile(dir.resolve(name + "-uninterrupted.ckpt"), "inputs", 20));

            CheckpointFile checkpoints = new CheckpointFile(dir.resolve(name + "-interrupted.ckpt"), "inputs", 20);
            RecordingListener interrupting = new RecordingListener();
            interrupting.failAtStep = 50;
            assertThatThrownBy(() -> new Trainer(settings).train(fresh(List.of(8), 16), TRAIN, VALID, interrupting, checkpoints))
                    .isInstanceOf(IllegalStateException.class);
            RecordingListener resuming = new RecordingListener();
            TrainingResult resumed = new Trainer(settings).train(fresh(List.of(8), 16), TRAIN, VALID, resuming, checkpoints);

            assertThat(resuming.resumedAt).containsExactly(40L);
            assertThat(resumed.classifier().network().parameters()).containsExactly(uninterrupted.classifier().network().parameters());
            assertThat(resumed.history()).isEqualTo(uninterrupted.history());
            assertThat(resumed.steps()).isEqualTo(uninterrupted.steps());
        }
    }

    @Test
    void aCheckpointOfOtherInputsIsNotResumed(@TempDir Path dir) {
        Trainer.Settings settings = settings(OptimizerType.SGD, LearningRateSchedule.CONSTANT, 1, 0, null);
        new Trainer(settings).train(fresh(List.of(), 17), TRAIN, VALID, new RecordingListener(),
                new CheckpointFile(dir.resolve("latest.ckpt"), "first inputs", 20));
        RecordingListener other = new RecordingListener();

        new Trainer(settings).train(fresh(List.of(), 17), TRAIN, VALID, other,
                new CheckpointFile(dir.resolve("latest.ckpt"), "other inputs", 20));

        assertThat(other.resumedAt).isEmpty();
        assertThat(other.epochs).hasSize(1);
    }

    @Test
    void anUnreadableCheckpointMeansAFreshStart(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("latest.ckpt"), "not a checkpoint");
        RecordingListener listener = new RecordingListener();

        TrainingResult result = new Trainer(settings(OptimizerType.SGD, LearningRateSchedule.CONSTANT, 1, 0, null))
                .train(fresh(List.of(), 18), TRAIN, VALID, listener, new CheckpointFile(file, "inputs", 20));

        assertThat(listener.resumedAt).isEmpty();
        assertThat(result.steps()).isEqualTo(29);
    }

    private static TrainingResult plain(Classifier start, int epochs, RecordingListener listener) {
        return new Trainer(settings(OptimizerType.SGD, LearningRateSchedule.CONSTANT, epochs, 0, null))
                .train(start, TRAIN, VALID, listener, null);
    }

    private static Trainer.Settings settings(OptimizerType optimizer, LearningRateSchedule schedule, int epochs, int patience,
                                             PrivacyPlan privacy) {
        return new Trainer.Settings(epochs, BATCH_SIZE, optimizer, optimizer.baseLearningRate, schedule, patience, 0, privacy, 9);
    }

    private static Classifier fresh(List<Integer> hiddenLayers, long seed) {
        Network network = Network.initialized(4, hiddenLayers, 2, new SplittableRandom(seed));
        return new Classifier(SyntheticData.FEATURE_NAMES, List.of(), SyntheticData.CLASS_LABELS, Standardizer.fit(TRAIN.features()), network);
    }

    private static final class RecordingListener implements TrainingListener {
        final List<Double> stepLosses = new ArrayList<>();
        final List<EpochMetrics> epochs = new ArrayList<>();
        final List<Long> resumedAt = new ArrayList<>();
        final List<Integer> earlyStops = new ArrayList<>();
        long failAtStep = -1;

        @Override
        public void resumed(long step, int epochsDone) {
            resumedAt.add(step);
        }

        @Override
        public void step(long step, int epoch, double loss) {
            if (step == failAtStep) {
                throw new IllegalStateException("interrupted at step " + step);
            }
            stepLosses.add(loss);
        }

        @Override
        public void earlyStopped(int epoch, int bestEpoch, double bestValidLoss) {
            earlyStops.add(epoch);
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
