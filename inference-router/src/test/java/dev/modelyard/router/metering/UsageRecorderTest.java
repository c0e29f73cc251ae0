package dev.modelyard.router.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class UsageRecorderTest {

    private final List<List<UsageEvent>> batches = new CopyOnWriteArrayList<>();
    private final Counter dropped = new SimpleMeterRegistry().counter("dropped");

    @Test
    void writesInBatchesNoLargerThanTheBatchSize() throws InterruptedException {
        UsageRecorder recorder = new UsageRecorder(batches::add, 100, 3, Duration.ofMillis(50), dropped);
        recorder.start();
        for (int i = 0; i < 7; i++) {
            recorder.record(event(i));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> batches.stream().mapToInt(List::size).sum() == 7);
        recorder.stop();

        assertThat(batches).allSatisfy(batch -> assertThat(batch).hasSizeLessThanOrEqualTo(3));
        assertThat(batches.stream().flatMap(List::stream).map(UsageEvent::id))
                .containsExactly("ue-0", "ue-1", "ue-2", "ue-3", "ue-4", "ue-5", "ue-6");
    }

    @Test
    void drainsTheQueueOnStop() throws InterruptedException {
        UsageRecorder recorder = new UsageRecorder(batches::add, 100, 500, Duration.ofSeconds(1), dropped);
        recorder.start();
        recorder.record(event(1));
        recorder.record(event(2));
        recorder.stop();

        assertThat(batches.stream().mapToInt(List::size).sum()).isEqualTo(2);
    }

    @Test
    void dropsAndCountsWhatDoesNotFitInsteadOfBlocking() {
        UsageRecorder recorder = new UsageRecorder(batches::add, 2, 500, Duration.ofSeconds(1), dropped);
        for (int i = 0; i < 5; i++) {
            recorder.record(event(i));
        }
        assertThat(dropped.count()).isEqualTo(3);
    }

    @Test
    void retriesAFailedWriteAndCountsTheBatchWhenItKeepsFailing() throws InterruptedException {
        UsageRecorder recorder = new UsageRecorder(batch -> {
            throw new IllegalStateException("database down");
        }, 10, 10, Duration.ofMillis(10), dropped);
        recorder.start();
        recorder.record(event(1));
        recorder.stop();

        assertThat(dropped.count()).isEqualTo(1);
    }

    private static UsageEvent event(int i) {
        return new UsageEvent("ue-" + i, "acme", null, "member@acme", "churn", "2", 1, 100, UsageEvent.OK, Instant.EPOCH);
    }
}
