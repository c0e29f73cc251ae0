package dev.modelyard.bench;

import ai.onnxruntime.OrtEnvironment;
import dev.modelyard.modelserver.repository.ModelRepository;
import dev.modelyard.modelserver.runtime.InferenceRequest;
import dev.modelyard.modelserver.runtime.InferenceStatistics;
import dev.modelyard.modelserver.runtime.KServeDataType;
import dev.modelyard.modelserver.runtime.Tensor;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import dev.modelyard.trainer.onnx.OnnxExporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * The model server's dynamic batching: 16 callers, each sending one-row requests back to back to a trainer-
 * exported MLP classifier, served by the model server's runtime from a Triton-layout repository once as
 * configured without dynamic batching and once with it ({@code max_batch_size: 16}, a short queue delay), one
 * ONNX Runtime thread per execution. Prints throughput and mean latency of both side by side, measured in the
 * same run, and how many rows the batched executions held on average.
 */
public final class BatchingBenchmark {

    private static final int CONCURRENCY = 16;
    private static final int FEATURES = 64;
    private static final List<Integer> HIDDEN_LAYERS = List.of(256, 256);
    private static final int MAX_BATCH_SIZE = 16;
    private static final int QUEUE_DELAY_MICROSECONDS = 500;
    private static final long WARMUP_SECONDS = 3;
    private static final long MEASURE_SECONDS = 8;

    private BatchingBenchmark() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path repository = Files.createTempDirectory("batching-benchmark");
        byte[] model = OnnxExporter.export(classifier());
        String config = "backend: \"onnxruntime\"\nmax_batch_size: " + MAX_BATCH_SIZE + "\n";
        write(repository, "unbatched", config, model);
        write(repository, "batched", config + "dynamic_batching { preferred_batch_size: [ " + MAX_BATCH_SIZE
                + " ] max_queue_delay_microseconds: " + QUEUE_DELAY_MICROSECONDS + " }\n", model);
        System.out.printf(Locale.ROOT, "MLP %d → %s → 2, one-row requests from %d concurrent callers, %d s each%n",
                FEATURES, HIDDEN_LAYERS, CONCURRENCY, MEASURE_SECONDS);
        try (ModelRepository server = new ModelRepository(repository, OrtEnvironment.getEnvironment(), 1)) {
            server.load("unbatched");
            server.load("batched");
            Result unbatched = measure(server, "unbatched");
            Result batched = measure(server, "batched");
            InferenceStatistics.Snapshot statistics = server.statistics("batched", "").getFirst().statistics();
            System.out.printf(Locale.ROOT, "%-22s %12s %14s%n", "", "requests/s", "mean latency");
            System.out.printf(Locale.ROOT, "%-22s %,12.0f %11.2f ms%n", "without batching", unbatched.throughput(),
                    unbatched.meanLatencyMillis());
            System.out.printf(Locale.ROOT, "%-22s %,12.0f %11.2f ms%n", "with dynamic batching", batched.throughput(),
                    batched.meanLatencyMillis());
            System.out.printf(Locale.ROOT, "dynamic batching: %.2f× the throughput; %.1f rows per execution on average%n",
                    batched.throughput() / unbatched.throughput(),
                    (double) statistics.inferenceCount() / statistics.executionCount());
        } finally {
            try (var files = Files.walk(repository)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(path -> path.toFile().delete());
            }
        }
    }

    private record Result(double throughput, double meanLatencyMillis) {
    }

    /** Callers send back to back through a warm-up, then requests and their latencies are counted. */
    private static Result measure(ModelRepository server, String model) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicBoolean counting = new AtomicBoolean(false);
        LongAdder served = new LongAdder();
        LongAdder latencyNanos = new LongAdder();
        CountDownLatch finished = new CountDownLatch(CONCURRENCY);
        List<Thread> callers = new ArrayList<>();
        for (int caller = 0; caller < CONCURRENCY; caller++) {
            InferenceRequest request = request(model, caller);
            callers.add(Thread.ofPlatform().name("caller-" + caller).start(() -> {
                try {
                    while (running.get()) {
                        long started = System.nanoTime();
                        server.infer(request);
                        if (counting.get()) {
                            served.increment();
                            latencyNanos.add(System.nanoTime() - started);
                        }
                    }
                } finally {
                    finished.countDown();
                }
            }));
        }
        TimeUnit.SECONDS.sleep(WARMUP_SECONDS);
        counting.set(true);
        long started = System.nanoTime();
        TimeUnit.SECONDS.sleep(MEASURE_SECONDS);
        counting.set(false);
        double seconds = (System.nanoTime() - started) / 1e9;
        running.set(false);
        finished.await();
        long count = served.sum();
        return new Result(count / seconds, latencyNanos.sum() / 1e6 / Math.max(1, count));
    }

    private static InferenceRequest request(String model, int caller) {
        SplittableRandom random = new SplittableRandom(caller);
        float[] features = new float[FEATURES];
        for (int i = 0; i < FEATURES; i++) {
            features[i] = (float) random.nextGaussian();
        }
        return new InferenceRequest(model, "", "", List.of(new Tensor("features", KServeDataType.FP32,
                new long[] {1, FEATURES}, features)), List.of());
    }

    private static Classifier classifier() {
        SplittableRandom random = new SplittableRandom(7);
        double[][] sample = new double[100][FEATURES];
        for (double[] row : sample) {
            Arrays.setAll(row, i -> random.nextGaussian());
        }
        List<String> features = IntStream.range(0, FEATURES).mapToObj(i -> "x" + i).toList();
        return new Classifier(features, List.of(), List.of("no", "yes"), Standardizer.fit(sample),
                Network.initialized(FEATURES, HIDDEN_LAYERS, 2, random));
    }

    private static void write(Path repository, String name, String config, byte[] model) throws IOException {
        Path version = Files.createDirectories(repository.resolve(name).resolve("1"));
        Files.write(version.resolve("model.onnx"), model);
        Files.writeString(repository.resolve(name).resolve("config.pbtxt"), config);
    }
}
