package dev.modelyard.router.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageRecorderTest {

    private static final long MiB = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void eachEventIsInTheSpoolWhenItsFutureCompletes() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UsageRecorder recorder = new UsageRecorder(new UsageStore((DataSource) null, "router"), config(MiB), meters);
        List<CompletableFuture<Void>> spooled = new ArrayList<>();
        List<Thread> callers = new ArrayList<>();
        for (int caller = 0; caller < 4; caller++) {
            int first = caller * 50;
            callers.add(Thread.ofPlatform().name("caller-" + caller).start(() -> {
                for (int i = first; i < first + 50; i++) {
                    CompletableFuture<Void> future = recorder.record(UsageSpoolTest.event(i));
                    synchronized (spooled) {
                        spooled.add(future);
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        CompletableFuture.allOf(spooled.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

        // What a process killed now would find in its spool on the next start: every event recorded.
        try (UsageSpool reopened = UsageSpool.open(directory, MiB, MiB)) {
            assertThat(reopened.pendingEvents()).isEqualTo(200);
            assertThat(reopened.read(0, 1000).events().stream().map(UsageEvent::id).collect(Collectors.toSet()))
                    .hasSize(200);
        }
        assertThat(meters.counter("modelyard.router.usage.events.dropped").count()).isZero();
    }

    @Test
    void anEventTheFullSpoolRefusesIsCountedAsDroppedAndItsCallerIsNotLeftWaiting() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UsageRecorder recorder = new UsageRecorder(new UsageStore((DataSource) null, "router"), config(256), meters);
        List<CompletableFuture<Void>> spooled = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            spooled.add(recorder.record(UsageSpoolTest.event(i)));
        }
        CompletableFuture.allOf(spooled.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
        assertThat(meters.counter("modelyard.router.usage.events.dropped").count()).isBetween(1.0, 9.0);
    }

    private MeteringConfig config(long maxBytes) {
        return new MeteringConfig() {
            @Override
            public Spool spool() {
                return new Spool() {
                    @Override
                    public Path directory() {
                        return directory;
                    }

                    @Override
                    public MemorySize segmentSize() {
                        return new MemorySize(BigInteger.valueOf(MiB));
                    }

                    @Override
                    public MemorySize maxSize() {
                        return new MemorySize(BigInteger.valueOf(maxBytes));
                    }

                    @Override
                    public Duration fsyncInterval() {
                        return Duration.ofMillis(50);
                    }
                };
            }

            @Override
            public int batchSize() {
                return 100;
            }

            @Override
            public Duration flushInterval() {
                return Duration.ofMillis(200);
            }

            @Override
            public Duration maxRetryPause() {
                return Duration.ofSeconds(1);
            }
        };
    }
}
