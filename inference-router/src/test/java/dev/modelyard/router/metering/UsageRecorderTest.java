package dev.modelyard.router.metering;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.MemorySize;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageRecorderTest {

    private static final long MiB = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void eachEventIsInTheSpoolOnceItsRecordReturnsWhateverThreadsRecordTogether() throws Exception {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UsageRecorder recorder = new UsageRecorder(new UsageStore((DataSource) null, "router"), config(MiB), meters);
        AtomicInteger recorded = new AtomicInteger();
        List<Thread> callers = new ArrayList<>();
        for (int caller = 0; caller < 4; caller++) {
            int first = caller * 50;
            callers.add(Thread.ofPlatform().name("caller-" + caller).start(() -> {
                for (int i = first; i < first + 50; i++) {
                    if (recorder.record(UsageSpoolTest.event(i))) {
                        recorded.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        assertThat(recorded).hasValue(200);

        // What a process killed now would find in its spool on the next start: every event recorded.
        try (UsageSpool reopened = UsageSpool.open(directory, MiB, MiB)) {
            assertThat(reopened.pendingEvents()).isEqualTo(200);
            assertThat(reopened.read(0, 1000).events().stream().map(UsageEvent::id).collect(Collectors.toSet()))
                    .hasSize(200);
        }
        assertThat(meters.counter("modelyard.router.usage.events.dropped").count()).isZero();
    }

    @Test
    void anEventTheFullSpoolRefusesIsCountedAsDropped() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        UsageRecorder recorder = new UsageRecorder(new UsageStore((DataSource) null, "router"), config(256), meters);
        int recorded = 0;
        for (int i = 0; i < 10; i++) {
            recorded += recorder.record(UsageSpoolTest.event(i)) ? 1 : 0;
        }
        assertThat(recorded).isBetween(1, 9);
        assertThat(meters.counter("modelyard.router.usage.events.dropped").count()).isEqualTo(10.0 - recorded);
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
