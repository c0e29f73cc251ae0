package dev.modelyard.trainer.training;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.trainer.data.Dataset;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import dev.modelyard.trainer.optim.LearningRateSchedule;
import dev.modelyard.trainer.optim.OptimizerType;
import dev.modelyard.trainer.spec.TrainingSpec.PrivacySpec;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The privacy/utility trade-off on a task of known difficulty: logistic regression trained without privacy and
 * with DP-SGD at ε = 8, 3 and 1 (same epochs and batch size), each judged on the same held-out rows. The bounds
 * leave room for the noise of a single seed; the printed table gives the figures to quote.
 */
class DpUtilityTest {
    private static final int FEATURES = 8;
    /** Class means 2.8 standard deviations apart: the best possible accuracy is Φ(1.4) ≈ 0.92. */
    private static final double SEPARATION = 2.8;
    private static final Dataset TRAIN = gaussianClasses(6_000, 101);
    private static final Dataset TEST = gaussianClasses(2_000, 102);
    private static final int EPOCHS = 5;
    private static final int BATCH_SIZE = 256;
    private static final double DELTA = 1e-5;

    @Test
    void logisticRegressionLearnsUnderDpSgdAtUsualBudgets() {
        double plain = accuracy(train(null).classifier());
        List<Double> epsilons = List.of(8.0, 3.0, 1.0);
        double[] privateAccuracies = new double[epsilons.size()];
        Double[] spent = new Double[epsilons.size()];
        for (int i = 0; i < epsilons.size(); i++) {
            PrivacyPlan plan = PrivacyPlan.plan(new PrivacySpec(epsilons.get(i), DELTA, 1.0), TRAIN.size(), BATCH_SIZE, EPOCHS);
            TrainingResult result = train(plan);
            privateAccuracies[i] = accuracy(result.classifier());
            spent[i] = result.last().epsilon();
        }

        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-8s %-10s %s%n", "budget", "ε spent", "test accuracy"));
        table.append(String.format(Locale.ROOT, "%-8s %-10s %.4f%n", "no DP", "-", plain));
        for (int i = 0; i < epsilons.size(); i++) {
            table.append(String.format(Locale.ROOT, "%-8s %-10.4f %.4f%n", "ε=" + epsilons.get(i).intValue(), spent[i],
                    privateAccuracies[i]));
        }
        System.out.print(table);

        assertThat(plain).isGreaterThanOrEqualTo(0.85);
        assertThat(privateAccuracies[0]).isGreaterThanOrEqualTo(0.80);
        assertThat(privateAccuracies[1]).isGreaterThanOrEqualTo(0.75);
        assertThat(privateAccuracies[2]).isGreaterThanOrEqualTo(0.65);
        for (int i = 0; i < epsilons.size(); i++) {
            assertThat(spent[i]).isLessThanOrEqualTo(epsilons.get(i));
        }
    }

    private static TrainingResult train(PrivacyPlan privacy) {
        Trainer.Settings settings = new Trainer.Settings(EPOCHS, BATCH_SIZE, OptimizerType.SGD,
                OptimizerType.SGD.baseLearningRate, LearningRateSchedule.CONSTANT, 0, 0, privacy, 5);
        Network network = Network.initialized(FEATURES, List.of(), 2, new SplittableRandom(3));
        Classifier start = new Classifier(featureNames(), List.of(), List.of("0", "1"), Standardizer.fit(TRAIN.features()), network);
        return new Trainer(settings).train(start, TRAIN, TEST, TrainingListener.SILENT, null);
    }

    private static double accuracy(Classifier classifier) {
        int correct = 0;
        for (int row = 0; row < TEST.size(); row++) {
            double[] probabilities = classifier.probabilities(TEST.features()[row], TEST.categories()[row]);
            int predicted = probabilities[1] > probabilities[0] ? 1 : 0;
            correct += predicted == TEST.labels()[row] ? 1 : 0;
        }
        return (double) correct / TEST.size();
    }

    /** Two Gaussian classes, unit variance per feature, means ±SEPARATION/2 apart along the diagonal. */
    private static Dataset gaussianClasses(int rows, long seed) {
        Random random = new Random(seed);
        double[][] features = new double[rows][FEATURES];
        int[] labels = new int[rows];
        double shift = SEPARATION / 2 / Math.sqrt(FEATURES);
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(2);
            for (int f = 0; f < FEATURES; f++) {
                features[r][f] = random.nextGaussian() + (labels[r] == 1 ? shift : -shift);
            }
        }
        return new Dataset(features, labels);
    }

    private static List<String> featureNames() {
        return IntStream.range(0, FEATURES).mapToObj(f -> "x" + f).toList();
    }
}
