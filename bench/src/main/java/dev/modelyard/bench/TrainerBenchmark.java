package dev.modelyard.bench;

import dev.modelyard.trainer.data.Dataset;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import dev.modelyard.trainer.onnx.OnnxExporter;
import dev.modelyard.trainer.optim.LearningRateSchedule;
import dev.modelyard.trainer.optim.OptimizerType;
import dev.modelyard.trainer.spec.TrainingSpec.PrivacySpec;
import dev.modelyard.trainer.training.EpochMetrics;
import dev.modelyard.trainer.training.PrivacyPlan;
import dev.modelyard.trainer.training.Trainer;
import dev.modelyard.trainer.training.TrainingListener;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;

/**
 * The built-in trainer on a seeded 20,000-row, 16-feature, 3-class table and an MLP [64, 32]: steps per second of
 * plain SGD beside DP-SGD (per-example gradients, clipping and noise) on the same data and model, their ratio, and
 * the time to export the trained model as ONNX.
 */
public final class TrainerBenchmark {
    private static final int ROWS = 20_000;
    private static final int FEATURES = 16;
    private static final int CLASSES = 3;
    private static final List<Integer> HIDDEN_LAYERS = List.of(64, 32);
    private static final int BATCH_SIZE = 128;
    private static final int EPOCHS = 2;
    private static final int WARMUPS = 1;
    private static final int RUNS = 3;
    private static final int EXPORTS = 50;

    private TrainerBenchmark() {
    }

    public static void main(String[] args) {
        Dataset train = generate(ROWS, 1);
        Dataset valid = generate(ROWS / 10, 2);
        PrivacyPlan privacy = PrivacyPlan.plan(new PrivacySpec(3.0, 1e-5, 1.0), ROWS, BATCH_SIZE, EPOCHS);
        long steps = (long) EPOCHS * Trainer.stepsPerEpoch(ROWS, BATCH_SIZE);
        System.out.printf(Locale.ROOT, "%,d rows, %d features, %d classes, MLP %s, batch %d, %d steps per run (σ = %.3f)%n",
                ROWS, FEATURES, CLASSES, HIDDEN_LAYERS, BATCH_SIZE, steps, privacy.noiseMultiplier());
        double plain = stepsPerSecond(train, valid, null, steps);
        double dp = stepsPerSecond(train, valid, privacy, steps);
        System.out.printf(Locale.ROOT, "plain SGD  %,10.0f steps/s%n", plain);
        System.out.printf(Locale.ROOT, "DP-SGD     %,10.0f steps/s%n", dp);
        System.out.printf(Locale.ROOT, "DP-SGD / plain: %.2f× the time per step%n", plain / dp);

        Classifier trained = classifier(train);
        train(trained, train, valid, null);
        for (int i = 0; i < EXPORTS; i++) {
            OnnxExporter.export(trained);
        }
        long start = System.nanoTime();
        int bytes = 0;
        for (int i = 0; i < EXPORTS; i++) {
            bytes = OnnxExporter.export(trained).length;
        }
        System.out.printf(Locale.ROOT, "ONNX export %8.3f ms (%,d bytes)%n", (System.nanoTime() - start) / 1e6 / EXPORTS, bytes);
    }

    /** The best of {@link #RUNS} timed runs after the warm-ups, each from the same fresh weights. */
    private static double stepsPerSecond(Dataset train, Dataset valid, PrivacyPlan privacy, long steps) {
        double best = 0;
        for (int run = 0; run < WARMUPS + RUNS; run++) {
            long start = System.nanoTime();
            train(classifier(train), train, valid, privacy);
            double rate = steps / ((System.nanoTime() - start) / 1e9);
            if (run >= WARMUPS) {
                best = Math.max(best, rate);
            }
        }
        return best;
    }

    private static void train(Classifier classifier, Dataset train, Dataset valid, PrivacyPlan privacy) {
        new Trainer(new Trainer.Settings(EPOCHS, BATCH_SIZE, OptimizerType.SGD, OptimizerType.SGD.baseLearningRate,
                LearningRateSchedule.CONSTANT, 0, 0, privacy, 7)).train(classifier, train, valid, TrainingListener.SILENT, null);
    }

    private static Classifier classifier(Dataset train) {
        List<String> features = java.util.stream.IntStream.range(0, FEATURES).mapToObj(f -> "x" + f).toList();
        List<String> classes = java.util.stream.IntStream.range(0, CLASSES).mapToObj(c -> "c" + c).toList();
        return new Classifier(features, classes, Standardizer.fit(train.features()),
                Network.initialized(FEATURES, HIDDEN_LAYERS, CLASSES, new SplittableRandom(3)));
    }

    /** Gaussian clusters, one mean per class, so that training has something to learn. */
    private static Dataset generate(int rows, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[CLASSES][FEATURES];
        Random centreRandom = new Random(0);
        for (double[] centre : centres) {
            for (int f = 0; f < FEATURES; f++) {
                centre[f] = centreRandom.nextGaussian();
            }
        }
        double[][] features = new double[rows][FEATURES];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(CLASSES);
            for (int f = 0; f < FEATURES; f++) {
                features[r][f] = centres[labels[r]][f] + random.nextGaussian();
            }
        }
        return new Dataset(features, labels);
    }
}
