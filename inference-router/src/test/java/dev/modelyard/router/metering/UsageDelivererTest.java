package dev.modelyard.router.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageDelivererTest {

    private static final long MiB = 1 << 20;

    @TempDir
    Path directory;

    /** Stands in for PostgreSQL's table: keyed by event id, as the real insert is. */
    private final Map<String, UsageEvent> table = new ConcurrentHashMap<>();
    private final AtomicInteger writes = new AtomicInteger();

    @Test
    void deliversEveryEventInBatchesAndMovesTheMarker() throws Exception {
        try (UsageSpool spool = UsageSpool.open(directory, 4096, MiB)) {
            UsageDeliverer deliverer = new UsageDeliverer(spool, this::store, 7, Duration.ofMillis(10), Duration.ofSeconds(1));
            deliverer.start();
            for (int i = 0; i < 100; i++) {
                spool.append(UsageSpoolTest.event(i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> spool.pendingEvents() == 0);
            deliverer.stop(Duration.ofSeconds(5));

            assertThat(table).hasSize(100);
            assertThat(deliverer.delivered()).isEqualTo(100);
            assertThat(writes.get()).isGreaterThanOrEqualTo(15);
            assertThat(deliverer.lagSeconds()).isZero();
        }
    }

    @Test
    void aSteadyTrickleOfEventsIsWrittenOncePerFlushInterval() throws Exception {
        try (UsageSpool spool = UsageSpool.open(directory, MiB, MiB)) {
            UsageDeliverer deliverer = new UsageDeliverer(spool, this::store, 1000, Duration.ofMillis(250),
                    Duration.ofSeconds(1));
            deliverer.start();
            long started = System.nanoTime();
            int appended = 0;
            // A call every 2 ms for a second and a half: each write would carry a few events if the deliverer
            // went straight on after a batch that was not full.
            while (System.nanoTime() - started < Duration.ofMillis(1500).toNanos()) {
                spool.append(UsageSpoolTest.event(appended++));
                Thread.sleep(2);
            }
            long elapsed = System.nanoTime() - started;
            await().atMost(Duration.ofSeconds(5)).until(() -> spool.pendingEvents() == 0);
            deliverer.stop(Duration.ofSeconds(5));

            assertThat(table).hasSize(appended);
            // One write per interval, plus the one that finds the last events after the appends stopped.
            assertThat(writes.get()).isBetween(2, (int) (elapsed / Duration.ofMillis(250).toNanos()) + 3);
        }
    }

    @Test
    void keepsEventsWhileTheDatabaseRefusesAndDeliversThemWhenItIsBack() throws Exception {
        AtomicBoolean databaseDown = new AtomicBoolean(true);
        try (UsageSpool spool = UsageSpool.open(directory, 4096, MiB)) {
            UsageDeliverer deliverer = new UsageDeliverer(spool, batch -> {
                if (databaseDown.get()) {
                    throw new IOException("connection refused");
                }
                store(batch);
            }, 50, Duration.ofMillis(10), Duration.ofMillis(200));
            deliverer.start();
            for (int i = 0; i < 40; i++) {
                spool.append(UsageSpoolTest.event(i));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> deliverer.failures() >= 3);
            assertThat(spool.pendingEvents()).isEqualTo(40);
            assertThat(deliverer.lagSeconds()).isPositive();

            databaseDown.set(false);
            await().atMost(Duration.ofSeconds(5)).until(() -> spool.pendingEvents() == 0);
            deliverer.stop(Duration.ofSeconds(5));
            assertThat(table).hasSize(40);
        }
    }

    @Test
    void aBatchWrittenButNotMarkedBeforeACrashIsSentAgainAfterTheRestart() throws Exception {
        UsageSpool crashed = UsageSpool.open(directory, 4096, MiB);
        for (int i = 0; i < 10; i++) {
            crashed.append(UsageSpoolTest.event(i));
        }
        // The process dies after the database committed the batch and before the marker moved.
        store(crashed.read(crashed.deliveredOffset(), 10).events());

        try (UsageSpool restarted = UsageSpool.open(directory, 4096, MiB)) {
            UsageDeliverer deliverer = new UsageDeliverer(restarted, this::store, 100, Duration.ofMillis(10),
                    Duration.ofSeconds(1));
            while (deliverer.deliverBatch() >= 0) {
                // until the spool is empty
            }
            assertThat(writes.get()).isEqualTo(2);
            assertThat(table).hasSize(10);
            assertThat(restarted.pendingEvents()).isZero();
        }
    }

    @Test
    void stopDeliversWhatIsLeft() throws Exception {
        try (UsageSpool spool = UsageSpool.open(directory, 4096, MiB)) {
            UsageDeliverer deliverer = new UsageDeliverer(spool, this::store, 100, Duration.ofSeconds(30),
                    Duration.ofSeconds(1));
            spool.append(UsageSpoolTest.event(1));
            deliverer.start();
            // After a batch that was not full the deliverer pauses for the whole interval before it reads again,
            // so an event appended once the first is delivered can only be written by stop().
            await().atMost(Duration.ofSeconds(5)).until(() -> deliverer.delivered() == 1);
            spool.append(UsageSpoolTest.event(2));
            deliverer.stop(Duration.ofSeconds(5));
            assertThat(table).containsKey("ue-2");
            assertThat(writes.get()).isEqualTo(2);
        }
    }

    private void store(List<UsageEvent> batch) {
        writes.incrementAndGet();
        batch.forEach(event -> table.putIfAbsent(event.id(), event));
    }
}
