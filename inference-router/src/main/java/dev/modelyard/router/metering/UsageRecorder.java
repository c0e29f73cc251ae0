package dev.modelyard.router.metering;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.jboss.logging.Logger;

/**
 * Meters inferences without losing or double-counting one: {@link #record} hands the event to a writer
 * thread that appends it to the write-ahead {@link UsageSpool}, and the answer leaves once it is there
 * (microseconds, no database and no file I/O on the caller's thread), and
 * a {@link UsageDeliverer} moves spooled events into PostgreSQL in batches, idempotently by event id.
 * Events spooled before a crash are delivered after the next start; while PostgreSQL is away they wait
 * in the spool.
 */
@ApplicationScoped
@Startup
public class UsageRecorder {

    private static final Logger LOG = Logger.getLogger(UsageRecorder.class);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(10);

    private final UsageSpool spool;
    private final UsageDeliverer deliverer;
    private final Duration fsyncInterval;
    private final Counter dropped;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private volatile boolean syncing;
    private Thread syncer;

    @Inject
    public UsageRecorder(UsageStore store, MeteringConfig config, MeterRegistry meters) {
        MeteringConfig.Spool settings = config.spool();
        try {
            this.spool = UsageSpool.open(settings.directory(), settings.segmentSize().asLongValue(),
                    settings.maxSize().asLongValue());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the usage spool in " + settings.directory(), e);
        }
        this.deliverer = new UsageDeliverer(spool, store::insert, config.batchSize(), config.flushInterval(),
                config.maxRetryPause());
        this.fsyncInterval = settings.fsyncInterval();
        this.dropped = meters.counter("modelyard.router.usage.events.dropped");
        Gauge.builder("modelyard.router.usage.events.queued", spool, UsageSpool::pendingEvents)
                .description("Usage events spooled and not yet in PostgreSQL").register(meters);
        Gauge.builder("modelyard.router.usage.spool.bytes", spool, UsageSpool::spooledBytes)
                .description("Bytes of undelivered usage events in the spool").baseUnit("bytes").register(meters);
        FunctionCounter.builder("modelyard.router.usage.events.delivered", deliverer, UsageDeliverer::delivered)
                .description("Usage events written to PostgreSQL").register(meters);
        FunctionCounter.builder("modelyard.router.usage.delivery.failures", deliverer, UsageDeliverer::failures)
                .description("Delivery attempts PostgreSQL refused").register(meters);
        Gauge.builder("modelyard.router.usage.delivery.lag", deliverer, UsageDeliverer::lagSeconds)
                .description("Age of the oldest undelivered usage event").baseUnit("seconds").register(meters);
        Thread.ofPlatform().daemon().name("usage-spool-writer").start(this::writeSpool);
    }

    /**
     * Spools one event without blocking the caller: the future completes once the operating system has it
     * (or it was dropped), on the spool writer's thread; an answer sent after it is never lost to a crash.
     * Never waits for the database. An event is refused only when the spool is full or its disk fails: it is
     * then logged and counted as dropped.
     */
    public CompletableFuture<Void> record(UsageEvent event) {
        Pending pending = new Pending(event, new CompletableFuture<>());
        queue.add(pending);
        return pending.spooled();
    }

    /** An event waiting for the spool writer, and who waits for it. */
    private record Pending(UsageEvent event, CompletableFuture<Void> spooled) {
    }

    /**
     * The spool writer: whatever was recorded while it wrote last goes into the spool in one append. It runs as
     * long as the process does, so that an inference answered while the process winds down is spooled too.
     */
    private void writeSpool() {
        List<Pending> batch = new ArrayList<>();
        List<UsageEvent> events = new ArrayList<>();
        while (true) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                // Nothing interrupts the writer on purpose; waiters must not be stranded, so it goes on.
                continue;
            }
            queue.drainTo(batch);
            batch.forEach(pending -> events.add(pending.event()));
            List<UsageSpool.Appended> outcomes;
            try {
                outcomes = spool.appendAll(events);
            } catch (RuntimeException e) {
                outcomes = Collections.nCopies(batch.size(), new UsageSpool.Appended(false, new IOException(e)));
            }
            for (int i = 0; i < batch.size(); i++) {
                report(batch.get(i).event(), outcomes.get(i));
                batch.get(i).spooled().complete(null);
            }
            batch.clear();
            events.clear();
        }
    }

    private void report(UsageEvent event, UsageSpool.Appended outcome) {
        if (outcome.accepted()) {
            return;
        }
        if (outcome.failure() != null) {
            LOG.errorf(outcome.failure(), "Cannot spool usage event %s of tenant %s", event.id(), event.tenantId());
        } else {
            LOG.errorf("Usage spool full (%d bytes undelivered); dropped event %s of tenant %s", spool.spooledBytes(),
                    event.id(), event.tenantId());
        }
        dropped.increment();
    }

    void start(@Observes StartupEvent event) {
        deliverer.start();
        syncing = true;
        syncer = Thread.ofPlatform().daemon().name("usage-spool-fsync").start(this::syncPeriodically);
    }

    /**
     * Delivers what it can, then fsyncs the spool. The spool stays open: an inference answered while the
     * process winds down is still spooled, and delivered after the next start.
     */
    void stop(@Observes ShutdownEvent event) throws InterruptedException, IOException {
        syncing = false;
        // Not interrupted: an interrupt inside force() would close the segment file under the appends.
        syncer.join();
        deliverer.stop(SHUTDOWN_WAIT);
        spool.sync();
    }

    private void syncPeriodically() {
        while (syncing) {
            try {
                Thread.sleep(fsyncInterval);
                spool.sync();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (IOException e) {
                LOG.errorf(e, "Cannot fsync the usage spool");
            }
        }
    }
}
