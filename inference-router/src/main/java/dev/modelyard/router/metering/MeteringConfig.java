package dev.modelyard.router.metering;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** How the router keeps usage events until PostgreSQL has them, and how it delivers them. */
@ConfigMapping(prefix = "modelyard.router.usage")
public interface MeteringConfig {

    Spool spool();

    /** The most events written to PostgreSQL in one statement. */
    @WithDefault("1000")
    int batchSize();

    /**
     * How often the deliverer writes what the spool gathered, in one batch (at once while full batches wait): the
     * longest an answered call waits to be billed, beside the write itself.
     */
    @WithDefault("200ms")
    Duration flushInterval();

    /** The longest pause between two delivery attempts while PostgreSQL refuses them (the pause doubles up to this). */
    @WithDefault("10s")
    Duration maxRetryPause();

    interface Spool {
        /** Where the segment files and the delivered-up-to marker live; one directory per router process. */
        @WithDefault("${modelyard.home}/router/usage-spool")
        Path directory();

        /** A segment is closed (and fsynced) and a new one begun once it holds this much. */
        @WithDefault("16M")
        MemorySize segmentSize();

        /**
         * The most undelivered data kept; beyond it new events are refused, logged and counted as dropped.
         * Warnings are logged as the spool passes each quarter of it.
         */
        @WithDefault("1G")
        MemorySize maxSize();

        /**
         * How often appended events are fsynced together. Appends reach the operating system before the
         * answer leaves, so a killed process loses nothing; this bounds what a power loss could take.
         */
        @WithDefault("50ms")
        Duration fsyncInterval();
    }
}
