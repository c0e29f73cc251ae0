package dev.modelyard.router.metering;

import dev.modelyard.router.RouterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Takes usage events off the inference path: {@link #record} only enqueues, and one background thread
 * writes batches of up to {@code batchSize} events, at most {@code flushInterval} after the first of
 * them arrived. On shutdown the queue is drained. Events still queued when the process dies are lost.
 */
@ApplicationScoped
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);
    private static final int WRITE_ATTEMPTS = 3;
    private static final long RETRY_PAUSE_MILLIS = 500;
    private static final long SHUTDOWN_WAIT_MILLIS = 10_000;

    private final Consumer<List<UsageEvent>> writer;
    private final BlockingQueue<UsageEvent> queue;
    private final int batchSize;
    private final long flushNanos;
    private final Counter dropped;
    private volatile boolean running;
    private Thread thread;

    @Inject
    public UsageRecorder(UsageStore store, RouterConfig config, MeterRegistry meters) {
        this(store::insert, config.usage().queueCapacity(), config.usage().batchSize(), config.usage().flushInterval(),
                meters.counter("modelyard.router.usage.events.dropped"));
    }

    UsageRecorder(Consumer<List<UsageEvent>> writer, int capacity, int batchSize, Duration flushInterval, Counter dropped) {
        this.writer = writer;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.batchSize = batchSize;
        this.flushNanos = flushInterval.toNanos();
        this.dropped = dropped;
    }

    /** Never blocks: when the writer is this far behind, the event is dropped and counted. */
    public void record(UsageEvent event) {
        if (!queue.offer(event)) {
            dropped.increment();
            LOG.warnf("Usage queue full; dropped event %s of tenant %s", event.id(), event.tenantId());
        }
    }

    void start(@Observes StartupEvent event) {
        start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        stop();
    }

    void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("usage-writer").start(this::drain);
    }

    /** Returns once every queued event was written (or the wait ran out). */
    void stop() throws InterruptedException {
        running = false;
        thread.join(SHUTDOWN_WAIT_MILLIS);
    }

    private void drain() {
        List<UsageEvent> batch = new ArrayList<>(batchSize);
        while (running || !queue.isEmpty()) {
            try {
                UsageEvent first = queue.poll(flushNanos, TimeUnit.NANOSECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                long flushAt = System.nanoTime() + flushNanos;
                while (batch.size() < batchSize) {
                    UsageEvent next = queue.poll(Math.max(0, flushAt - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
            } catch (InterruptedException e) {
                // Nothing interrupts this thread on purpose; keep what was taken and stop.
                Thread.currentThread().interrupt();
                write(batch);
                return;
            }
            write(batch);
            batch.clear();
        }
    }

    private void write(List<UsageEvent> batch) {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; attempt <= WRITE_ATTEMPTS; attempt++) {
            try {
                writer.accept(List.copyOf(batch));
                return;
            } catch (RuntimeException e) {
                LOG.warnf("Writing %d usage events failed (attempt %d of %d): %s", batch.size(), attempt,
                        WRITE_ATTEMPTS, e.getMessage());
                if (attempt < WRITE_ATTEMPTS) {
                    pause();
                }
            }
        }
        dropped.increment(batch.size());
        LOG.errorf("Dropped %d usage events after %d failed writes", batch.size(), WRITE_ATTEMPTS);
    }

    private static void pause() {
        try {
            Thread.sleep(RETRY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
