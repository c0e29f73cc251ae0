package dev.modelyard.modelserver.runtime;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one model version, as Triton's ModelStatistics reports them; safe for concurrent requests.
 * Request counters ({@code success}, {@code queue}, {@code compute_*}) count each request, so a request served
 * in a batch of eight is charged the whole batch's compute time; {@code batch_stats} count model executions
 * per batch size.
 */
public final class InferenceStatistics {

    /** A count and the total nanoseconds spent, as Triton's StatisticDuration. */
    public record Duration(long count, long nanos) {
    }

    /** The executions of one batch size and their compute time. */
    public record BatchSnapshot(long batchSize, Duration computeInput, Duration computeInfer, Duration computeOutput) {
    }

    /**
     * @param inferenceCount the requests' batch sizes summed (Triton counts inferences per batch row)
     * @param executionCount model executions (fewer than requests when dynamic batching merged them)
     */
    public record Snapshot(Duration success, Duration fail, Duration queue, Duration computeInput,
                           Duration computeInfer, Duration computeOutput, long inferenceCount, long executionCount,
                           long lastInferenceMillis, SortedMap<Long, BatchSnapshot> batches) {
    }

    /** What one model execution took, in nanoseconds: tensors in, the run, tensors out. */
    record ComputeTimes(long inputNanos, long inferNanos, long outputNanos) {
    }

    private final Counter success = new Counter();
    private final Counter fail = new Counter();
    private final Counter queue = new Counter();
    private final Counter computeInput = new Counter();
    private final Counter computeInfer = new Counter();
    private final Counter computeOutput = new Counter();
    private final LongAdder inferenceCount = new LongAdder();
    private final LongAdder executionCount = new LongAdder();
    private final AtomicLong lastInferenceMillis = new AtomicLong();
    private final Map<Long, BatchCounters> batches = new ConcurrentHashMap<>();

    void recordSuccess(long batchSize, long nanos, long queueNanos, ComputeTimes compute) {
        success.add(nanos);
        queue.add(queueNanos);
        computeInput.add(compute.inputNanos());
        computeInfer.add(compute.inferNanos());
        computeOutput.add(compute.outputNanos());
        inferenceCount.add(batchSize);
        lastInferenceMillis.set(System.currentTimeMillis());
    }

    void recordFailure(long nanos) {
        fail.add(nanos);
        lastInferenceMillis.set(System.currentTimeMillis());
    }

    void recordExecution(long batchSize, ComputeTimes compute) {
        executionCount.increment();
        BatchCounters counters = batches.computeIfAbsent(batchSize, size -> new BatchCounters());
        counters.input.add(compute.inputNanos());
        counters.infer.add(compute.inferNanos());
        counters.output.add(compute.outputNanos());
    }

    public Snapshot snapshot() {
        SortedMap<Long, BatchSnapshot> batchSnapshots = new TreeMap<>();
        batches.forEach((size, counters) -> batchSnapshots.put(size, new BatchSnapshot(size,
                counters.input.snapshot(), counters.infer.snapshot(), counters.output.snapshot())));
        return new Snapshot(success.snapshot(), fail.snapshot(), queue.snapshot(), computeInput.snapshot(),
                computeInfer.snapshot(), computeOutput.snapshot(), inferenceCount.sum(), executionCount.sum(),
                lastInferenceMillis.get(), batchSnapshots);
    }

    private static final class Counter {
        private final LongAdder count = new LongAdder();
        private final LongAdder nanos = new LongAdder();

        void add(long spent) {
            count.increment();
            nanos.add(spent);
        }

        Duration snapshot() {
            return new Duration(count.sum(), nanos.sum());
        }
    }

    private static final class BatchCounters {
        private final Counter input = new Counter();
        private final Counter infer = new Counter();
        private final Counter output = new Counter();
    }
}
