package dev.modelyard.registry.discovery;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Where the registry finds the model servers it places models on. */
@ConfigMapping(prefix = "modelyard.registry")
public interface DiscoveryConfig {

    /**
     * {@code configured}: the fixed list in {@code modelyard.registry.model-servers}. {@code kubernetes}: the ready
     * endpoints of a Service ({@code modelyard.registry.kubernetes.*}), followed as they come and go; every deployed
     * model is placed again when they change.
     */
    @WithDefault("configured")
    Mode discovery();

    Kubernetes kubernetes();

    enum Mode {
        CONFIGURED, KUBERNETES
    }

    /** The model servers' Service when {@code discovery=kubernetes}; unused otherwise. */
    interface Kubernetes {

        /** The namespace of the Service; the namespace the registry runs in when left out. */
        Optional<String> namespace();

        /** The model servers' Service (Triton's), whose EndpointSlices name the servers. */
        @WithDefault("triton")
        String service();

        /** The name of the Service's gRPC port: each ready endpoint becomes {@code ip:<that port>}. */
        @WithDefault("grpc")
        String portName();

        /**
         * How often every deployed model's placement is checked against the servers even when they did not change:
         * loads that failed are retried then.
         */
        @WithDefault("1m")
        Duration resyncInterval();
    }
}
