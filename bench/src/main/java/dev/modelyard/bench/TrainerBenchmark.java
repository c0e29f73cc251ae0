package dev.modelyard.bench;

import ai.onnxruntime.OrtEnvironment;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.TextFormat;
import dev.modelyard.modelserver.repository.ModelRepository;
import dev.modelyard.modelserver.runtime.InferenceRequest;
import dev.modelyard.modelserver.runtime.InferenceResponse;
import dev.modelyard.modelserver.runtime.KServeDataType;
import dev.modelyard.modelserver.runtime.Tensor;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.protocols.kserve.ModelInput;
import dev.modelyard.protocols.kserve.ModelOutput;
import dev.modelyard.trainer.data.Dataset;
import dev.modelyard.trainer.model.CategoricalColumn;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import dev.modelyard.trainer.onnx.OnnxExporter;
import dev.modelyard.trainer.optim.LearningRateSchedule;
import dev.modelyard.trainer.optim.OptimizerType;
import dev.modelyard.trainer.spec.TrainingSpec.PrivacySpec;
import dev.modelyard.trainer.training.PrivacyPlan;
import dev.modelyard.trainer.training.Trainer;
import dev.modelyard.trainer.training.TrainingListener;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The built-in trainer on a seeded 20,000-row, 3-class table of 16 numeric features and 3 categorical columns, and
 * an MLP [64, 32]: steps per second of plain SGD beside DP-SGD (per-example gradients, clipping and noise) on the
 * same data and model, their ratio, and the time to export the trained model as ONNX. Then the exported model is
 * served as the platform serves it, by the model server's runtime from a Triton-layout repository, and its
 * probabilities are compared with the trainer's own forward pass on a few hundred rows (unknown categories among
 * them), with and without categorical columns.
 */
public final class TrainerBenchmark {
    private static final int ROWS = 20_000;
    private static final int FEATURES = 16;
    private static final int CLASSES = 3;
    /** Vocabulary sizes of the categorical columns. */
    private static final int[] CATEGORIES = {4, 6, 10};
    private static final List<Integer> HIDDEN_LAYERS = List.of(64, 32);
    private static final int BATCH_SIZE = 128;
    private static final int EPOCHS = 2;
    private static final int WARMUPS = 1;
    private static final int RUNS = 3;
    private static final int EXPORTS = 50;
    private static final int SERVED_ROWS = 400;
    /** Every this many served rows one categorical value is one the model never saw. */
    private static final int UNKNOWN_EVERY = 7;
    private static final int MAX_BATCH_SIZE = 1_024;

    private TrainerBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        Dataset train = generate(ROWS, 1);
        Dataset valid = generate(ROWS / 10, 2);
        PrivacyPlan privacy = PrivacyPlan.plan(new PrivacySpec(3.0, 1e-5, 1.0), ROWS, BATCH_SIZE, EPOCHS);
        long steps = (long) EPOCHS * Trainer.stepsPerEpoch(ROWS, BATCH_SIZE);
        System.out.printf(Locale.ROOT, "%,d rows, %d features + %d categorical columns (%d one-hot inputs), %d classes, MLP %s,"
                        + " batch %d, %d steps per run (σ = %.3f)%n", ROWS, FEATURES, CATEGORIES.length,
                IntStream.of(CATEGORIES).sum(), CLASSES, HIDDEN_LAYERS, BATCH_SIZE, steps, privacy.noiseMultiplier());
        double plain = stepsPerSecond(train, valid, null, steps);
        double dp = stepsPerSecond(train, valid, privacy, steps);
        System.out.printf(Locale.ROOT, "plain SGD  %,10.0f steps/s%n", plain);
        System.out.printf(Locale.ROOT, "DP-SGD     %,10.0f steps/s%n", dp);
        System.out.printf(Locale.ROOT, "DP-SGD / plain: %.2f× the time per step%n", plain / dp);

        Classifier trained = classifier(train, categoricalColumns());
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

        Classifier numericOnly = classifier(train, List.of());
        train(numericOnly, train, valid, null);
        Dataset served = withUnknownCategories(valid, SERVED_ROWS);
        System.out.printf(Locale.ROOT, "model server vs trainer, max |Δp| over %d rows: numeric only %.2e, with categories %.2e"
                        + " (every %dth row an unknown category)%n", SERVED_ROWS,
                maxDifferenceInModelServer(numericOnly, served), maxDifferenceInModelServer(trained, served), UNKNOWN_EVERY);
    }

    /** The best of {@link #RUNS} timed runs after the warm-ups, each from the same fresh weights. */
    private static double stepsPerSecond(Dataset train, Dataset valid, PrivacyPlan privacy, long steps) {
        double best = 0;
        for (int run = 0; run < WARMUPS + RUNS; run++) {
            long start = System.nanoTime();
            train(classifier(train, categoricalColumns()), train, valid, privacy);
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

    /**
     * Publishes the classifier into a Triton-layout repository (config.pbtxt written from its signature as the
     * registry writes it), loads it into the model server's runtime, infers {@code rows} in one request, and
     * returns the largest difference between the served probabilities and the trainer's forward pass.
     */
    private static double maxDifferenceInModelServer(Classifier classifier, Dataset rows) throws IOException {
        Path repository = Files.createTempDirectory("trainer-bench-repository");
        String name = "trainer-bench";
        try {
            Files.createDirectories(repository.resolve(name).resolve("1"));
            Files.write(repository.resolve(name).resolve("1").resolve("model.onnx"), OnnxExporter.export(classifier));
            Files.writeString(repository.resolve(name).resolve("config.pbtxt"),
                    TextFormat.printer().printToString(tritonConfig(name, OnnxExporter.signature(classifier))));
            List<Tensor> inputs = new ArrayList<>();
            float[] features = new float[rows.size() * FEATURES];
            byte[][] categories = new byte[rows.size() * CATEGORIES.length][];
            for (int r = 0; r < rows.size(); r++) {
                for (int f = 0; f < FEATURES; f++) {
                    features[r * FEATURES + f] = (float) rows.features()[r][f];
                }
                for (int c = 0; c < CATEGORIES.length; c++) {
                    categories[r * CATEGORIES.length + c] = rows.categories()[r][c].getBytes(StandardCharsets.UTF_8);
                }
            }
            inputs.add(new Tensor("features", KServeDataType.FP32, new long[] {rows.size(), FEATURES}, features));
            if (!classifier.categoricalColumns().isEmpty()) {
                inputs.add(new Tensor("categories", KServeDataType.BYTES, new long[] {rows.size(), CATEGORIES.length}, categories));
            }
            float[] probabilities;
            try (ModelRepository server = new ModelRepository(repository, OrtEnvironment.getEnvironment(), 1)) {
                server.load(name);
                InferenceResponse response = server.infer(new InferenceRequest(name, "", "bench", inputs, List.of("probabilities")));
                probabilities = (float[]) response.outputs().getFirst().values();
            }
            double max = 0;
            for (int r = 0; r < rows.size(); r++) {
                // The trainer's forward pass on the float values the server received.
                double[] raw = new double[FEATURES];
                for (int f = 0; f < FEATURES; f++) {
                    raw[f] = features[r * FEATURES + f];
                }
                String[] rowCategories = classifier.categoricalColumns().isEmpty() ? new String[0] : rows.categories()[r];
                double[] expected = classifier.probabilities(raw, rowCategories);
                for (int k = 0; k < CLASSES; k++) {
                    max = Math.max(max, Math.abs(probabilities[r * CLASSES + k] - expected[k]));
                }
            }
            return max;
        } finally {
            try (Stream<Path> files = Files.walk(repository)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    /** The model configuration of a batched signature: dims without the batch dimension, which max_batch_size stands for. */
    private static ModelConfig tritonConfig(String name, JsonNode signature) {
        ModelConfig.Builder config = ModelConfig.newBuilder().setName(name).setBackend("onnxruntime").setMaxBatchSize(MAX_BATCH_SIZE);
        for (JsonNode input : signature.get("inputs")) {
            config.addInput(ModelInput.newBuilder().setName(input.get("name").asText())
                    .setDataType(KServeDataType.named(input.get("datatype").asText()).orElseThrow().configType())
                    .addDims(input.get("shape").get(1).asLong()));
        }
        for (JsonNode output : signature.get("outputs")) {
            config.addOutput(ModelOutput.newBuilder().setName(output.get("name").asText())
                    .setDataType(KServeDataType.named(output.get("datatype").asText()).orElseThrow().configType())
                    .addDims(output.get("shape").get(1).asLong()));
        }
        return config.build();
    }

    private static List<CategoricalColumn> categoricalColumns() {
        return IntStream.range(0, CATEGORIES.length)
                .mapToObj(c -> new CategoricalColumn("c" + c, IntStream.range(0, CATEGORIES[c]).mapToObj(v -> "v" + v).toList()))
                .toList();
    }

    private static Classifier classifier(Dataset train, List<CategoricalColumn> categoricalColumns) {
        List<String> features = IntStream.range(0, FEATURES).mapToObj(f -> "x" + f).toList();
        List<String> classes = IntStream.range(0, CLASSES).mapToObj(c -> "class" + c).toList();
        return new Classifier(features, categoricalColumns, classes, Standardizer.fit(train.features()),
                Network.initialized(Classifier.inputWidth(features, categoricalColumns), HIDDEN_LAYERS, CLASSES, new SplittableRandom(3)));
    }

    /** The first {@code rows} rows, with every {@link #UNKNOWN_EVERY}th row's value of one column replaced by an unseen one. */
    private static Dataset withUnknownCategories(Dataset data, int rows) {
        String[][] categories = new String[rows][];
        for (int r = 0; r < rows; r++) {
            categories[r] = data.categories()[r].clone();
            if (r % UNKNOWN_EVERY == 0) {
                categories[r][r % CATEGORIES.length] = "unseen";
            }
        }
        return new Dataset(Arrays.copyOf(data.features(), rows), categories, Arrays.copyOf(data.labels(), rows));
    }

    /**
     * Gaussian clusters, one mean per class, so that training has something to learn; each categorical value leans
     * towards the class its index is congruent to.
     */
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
        String[][] categories = new String[rows][CATEGORIES.length];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) {
            labels[r] = random.nextInt(CLASSES);
            for (int f = 0; f < FEATURES; f++) {
                features[r][f] = centres[labels[r]][f] + random.nextGaussian();
            }
            for (int c = 0; c < CATEGORIES.length; c++) {
                int value = random.nextInt(CATEGORIES[c]);
                if (random.nextBoolean()) {
                    value = value - value % CLASSES + labels[r];
                }
                categories[r][c] = "v" + Math.min(value, CATEGORIES[c] - 1);
            }
        }
        return new Dataset(features, categories, labels);
    }
}
