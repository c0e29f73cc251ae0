package dev.modelyard.router;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Where the router finds the registry and the model servers. */
@ConfigMapping(prefix = "modelyard.router")
public interface RouterConfig {

    /** gRPC targets ({@code host:port}) of the model servers; the registry loads every deployed model on each. */
    @WithDefault("127.0.0.1:8085")
    List<String> modelServers();

    Services services();

    /** How long one call to the registry or to a model server may take. */
    @WithDefault("10s")
    Duration deadline();

    /**
     * How long a resolved model reference is reused as it is; for as long again after that it is still
     * answered while one background lookup refreshes it. Alias moves drop it at once.
     */
    @WithDefault("60s")
    Duration resolutionCacheTtl();

    interface Services {
        /** Base URL of the model registry. */
        @WithDefault("http://127.0.0.1:8083")
        URI registry();
    }
}
