package dev.modelyard.router.backend;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Whether the router keeps a list of model servers of its own. */
@ConfigMapping(prefix = "modelyard.router")
public interface BackendDiscoveryConfig {

    /**
     * {@code configured}: the servers in {@code modelyard.router.model-servers}, health-checked from the start and
     * used for resolutions that name no backends. {@code placements}: none of its own (the list is ignored); the
     * registry discovers the model servers and every resolution names those its model is placed on, which are
     * health-checked once named; a resolution naming none is answered 503 with Retry-After.
     */
    @WithDefault("configured")
    Mode backendDiscovery();

    enum Mode {
        CONFIGURED, PLACEMENTS
    }
}
