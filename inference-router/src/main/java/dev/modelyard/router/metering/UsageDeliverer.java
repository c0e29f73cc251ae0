package dev.modelyard.router.metering;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Moves spooled usage events into PostgreSQL: reads a batch after the marker, writes it (the write must
 * be idempotent by event id, since a crash between the write and the marker sends the batch again), then
 * moves the marker. Batches are written once per {@code flushInterval}, or at once while full ones wait: a
 * steady stream of calls then costs one transaction per interval, not one per few events, whose commits and
 * marker fsyncs would take the cores from the calls themselves. While the database refuses, the events stay
 * in the spool and delivery is retried with a pause that doubles up to {@code maxRetryPause}; nothing is ever
 * dropped here.
 */
public final class UsageDeliverer {

    private static final Logger LOG = Logger.getLogger(UsageDeliverer.class);
    private static final Duration FIRST_RETRY_PAUSE = Duration.ofMillis(100);

    /** Writes a batch; re-writing events it already holds changes nothing. */
    @FunctionalInterface
    public interface Sink {
        void write(List<UsageEvent> events) throws Exception;
    }

    private final UsageSpool spool;
    private final Sink sink;
    private final int batchSize;
    private final Duration flushInterval;
    private final Duration maxRetryPause;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Object pauses = new Object();
    private volatile Instant oldestUndelivered;
    private volatile boolean running;
    private long cursor;
    private int failedAttempts;
    private Thread thread;

    public UsageDeliverer(UsageSpool spool, Sink sink, int batchSize, Duration flushInterval, Duration maxRetryPause) {
        this.spool = spool;
        this.sink = sink;
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.maxRetryPause = maxRetryPause;
        this.cursor = spool.deliveredOffset();
    }

    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("usage-deliverer").start(this::run);
    }

    /** Stops the thread, then delivers what is left unless the database refuses or {@code wait} runs out. */
    public void stop(Duration wait) throws InterruptedException {
        running = false;
        Thread current;
        synchronized (this) {
            current = thread;
        }
        synchronized (pauses) {
            pauses.notifyAll();
        }
        if (current != null) {
            current.join(wait.toMillis());
            if (current.isAlive()) {
                return;
            }
        }
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < deadline && deliverBatch() >= 0) {
                // until the spool is empty
            }
        } catch (Exception e) {
            LOG.warnf("%d usage events stay in the spool for the next start: %s", spool.pendingEvents(), e.getMessage());
        }
    }

    private void run() {
        while (running) {
            try {
                int delivered = deliverBatch();
                if (failedAttempts > 0) {
                    LOG.infof("Usage delivery resumed after %d failed attempts", failedAttempts);
                    failedAttempts = 0;
                }
                // Only a full batch tells of more waiting; otherwise the next batch has the interval to gather.
                if (delivered < batchSize) {
                    pause(flushInterval);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                failures.incrementAndGet();
                if (failedAttempts++ == 0) {
                    LOG.warnf("Cannot deliver usage events (%s); they stay in the spool and delivery is retried",
                            e.getMessage());
                }
                try {
                    pause(retryPause());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Delivers one batch: how many events it held, or -1 when the spool had nothing to deliver. */
    int deliverBatch() throws Exception {
        UsageSpool.Batch batch = spool.read(cursor, batchSize);
        if (batch.end() == cursor) {
            oldestUndelivered = null;
            return -1;
        }
        oldestUndelivered = batch.oldest();
        if (!batch.isEmpty()) {
            sink.write(batch.events());
        }
        spool.markDelivered(batch);
        cursor = batch.end();
        delivered.addAndGet(batch.events().size());
        return batch.events().size();
    }

    /** Sleeps, unless {@link #stop} wakes it: no interrupt, which would close the spool's file channels. */
    private void pause(Duration duration) throws InterruptedException {
        synchronized (pauses) {
            if (running) {
                pauses.wait(Math.max(1, duration.toMillis()));
            }
        }
    }

    private Duration retryPause() {
        int doublings = Math.min(failedAttempts - 1, 20);
        Duration pause = FIRST_RETRY_PAUSE.multipliedBy(1L << doublings);
        return pause.compareTo(maxRetryPause) > 0 ? maxRetryPause : pause;
    }

    /** Events written to PostgreSQL by this process. */
    public long delivered() {
        return delivered.get();
    }

    /** Delivery attempts that failed. */
    public long failures() {
        return failures.get();
    }

    /** How long the oldest undelivered event has waited, in seconds; 0 when the spool is delivered. */
    public double lagSeconds() {
        Instant oldest = oldestUndelivered;
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, Instant.now()).toMillis() / 1000.0);
    }
}
