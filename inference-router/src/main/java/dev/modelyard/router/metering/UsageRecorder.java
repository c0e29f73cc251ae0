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
import org.jboss.logging.Logger;

/**
 * Meters inferences without losing or double-counting one: {@link #record} appends the event to the write-ahead
 * {@link UsageSpool} on the caller's thread, and the answer leaves once it is there (a few microseconds: no
 * database, no fsync), and a {@link UsageDeliverer} moves spooled events into PostgreSQL in batches, idempotently
 * by event id. Events spooled before a crash are delivered after the next start; while PostgreSQL is away they
 * wait in the spool.
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
    }

    /**
     * Spools one event and returns once the operating system has it, so that an answer sent after it is never lost
     * to a crash. Written on the caller's thread: one small write into the page cache costs less than handing the
     * event to a writer thread and being woken once it is written, and the spool leaves every wait for the disk
     * (fsyncs, a segment filled) to its {@link UsageSpool#sync()}. Never waits for the database. An event is
     * refused only when the spool is full or its disk fails: it is then logged and counted as dropped.
     *
     * @return whether the event is in the spool
     */
    public boolean record(UsageEvent event) {
        try {
            if (spool.append(event)) {
                return true;
            }
            LOG.errorf("Usage spool full (%d bytes undelivered); dropped event %s of tenant %s", spool.spooledBytes(),
                    event.id(), event.tenantId());
        } catch (IOException e) {
            LOG.errorf(e, "Cannot spool usage event %s of tenant %s", event.id(), event.tenantId());
        }
        dropped.increment();
        return false;
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
