package dev.modelyard.router;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Where the router finds the registry and the model servers, and how it meters usage. */
@ConfigMapping(prefix = "modelyard.router")
public interface RouterConfig {

    /** gRPC targets ({@code host:port}) of the model servers; the registry loads every deployed model on each. */
    @WithDefault("127.0.0.1:8085")
    List<String> modelServers();

    Services services();

    /** How long one call to the registry or to a model server may take. */
    @WithDefault("10s")
    Duration deadline();

    /** The longest a resolved model reference is reused; alias moves also drop it at once. */
    @WithDefault("60s")
    Duration resolutionCacheTtl();

    Usage usage();

    interface Services {
        /** Base URL of the model registry. */
        @WithDefault("http://127.0.0.1:8083")
        URI registry();
    }

    interface Usage {
        /** Events waiting to be written; when the database falls this far behind, new events are dropped and counted. */
        @WithDefault("10000")
        int queueCapacity();

        /** The most events written in one statement. */
        @WithDefault("500")
        int batchSize();

        /** How long the first event of a batch waits for more before the batch is written. */
        @WithDefault("200ms")
        Duration flushInterval();
    }
}
