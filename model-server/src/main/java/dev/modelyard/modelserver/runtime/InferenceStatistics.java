package dev.modelyard.modelserver.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one model version, as Triton's ModelStatistics reports them; safe for concurrent requests. */
public final class InferenceStatistics {

    private final LongAdder successCount = new LongAdder();
    private final LongAdder successNanos = new LongAdder();
    private final LongAdder failCount = new LongAdder();
    private final LongAdder failNanos = new LongAdder();
    private final LongAdder inferenceCount = new LongAdder();
    private final LongAdder executionCount = new LongAdder();
    private final AtomicLong lastInferenceMillis = new AtomicLong();

    /**
     * @param inferenceCount the requests' batch size (Triton counts inferences per batch row)
     * @param executionCount how many model executions served it (1 per request without dynamic batching)
     */
    public record Snapshot(long successCount, long successNanos, long failCount, long failNanos,
                           long inferenceCount, long executionCount, long lastInferenceMillis) {
    }

    void recordSuccess(long batchSize, long nanos) {
        successCount.increment();
        successNanos.add(nanos);
        inferenceCount.add(batchSize);
        executionCount.increment();
        lastInferenceMillis.set(System.currentTimeMillis());
    }

    void recordFailure(long nanos) {
        failCount.increment();
        failNanos.add(nanos);
        lastInferenceMillis.set(System.currentTimeMillis());
    }

    public Snapshot snapshot() {
        return new Snapshot(successCount.sum(), successNanos.sum(), failCount.sum(), failNanos.sum(),
                inferenceCount.sum(), executionCount.sum(), lastInferenceMillis.get());
    }
}
