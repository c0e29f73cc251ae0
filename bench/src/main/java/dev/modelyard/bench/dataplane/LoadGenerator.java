package dev.modelyard.bench.dataplane;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sends a fixed number of requests from a fixed number of callers, each sending its next request as soon as
 * its last one is answered (a closed loop), and keeps every latency. The first failure stops all callers
 * and is rethrown: a figure from a run that failed requests would flatter the path.
 */
public final class LoadGenerator {

    private LoadGenerator() {
    }

    /** Latencies of one run, in nanoseconds, and how long the whole run took. */
    public record Measurement(int concurrency, long[] sortedLatencyNanos, long elapsedNanos) {

        /** Several runs of one path as one: every latency, and the time they took together. */
        public static Measurement combined(List<Measurement> runs) {
            long[] latencies = runs.stream().flatMapToLong(run -> Arrays.stream(run.sortedLatencyNanos())).sorted().toArray();
            return new Measurement(runs.getFirst().concurrency(), latencies,
                    runs.stream().mapToLong(Measurement::elapsedNanos).sum());
        }

        public int requests() {
            return sortedLatencyNanos.length;
        }

        public double p50Millis() {
            return percentileMillis(0.50);
        }

        public double p99Millis() {
            return percentileMillis(0.99);
        }

        public double throughput() {
            return requests() / (elapsedNanos / 1e9);
        }

        /** The nearest-rank percentile. */
        double percentileMillis(double quantile) {
            int rank = (int) Math.ceil(quantile * sortedLatencyNanos.length);
            return sortedLatencyNanos[Math.max(0, rank - 1)] / 1e6;
        }
    }

    public static Measurement run(InferenceCall call, int concurrency, int requests) throws Exception {
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Exception> failure = new AtomicReference<>();
        List<Thread> callers = new ArrayList<>(concurrency);
        long started = System.nanoTime();
        for (int caller = 0; caller < concurrency; caller++) {
            callers.add(Thread.ofPlatform().name("dataplane-caller-" + caller).start(() -> {
                for (int index = next.getAndIncrement(); index < requests && failure.get() == null;
                     index = next.getAndIncrement()) {
                    long sent = System.nanoTime();
                    try {
                        call.call();
                    } catch (Exception e) {
                        failure.compareAndSet(null, e);
                        return;
                    }
                    latencies[index] = System.nanoTime() - sent;
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join();
        }
        long elapsed = System.nanoTime() - started;
        if (failure.get() != null) {
            throw failure.get();
        }
        Arrays.sort(latencies);
        return new Measurement(concurrency, latencies, elapsed);
    }
}
