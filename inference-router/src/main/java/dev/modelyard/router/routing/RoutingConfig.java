package dev.modelyard.router.routing;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the router spreads calls over model servers, survives their failures and shares them between tenants. */
@ConfigMapping(prefix = "modelyard.router.routing")
public interface RoutingConfig {

    /** Further model servers one call may be tried on after a connection error or UNAVAILABLE. */
    @WithDefault("1")
    int maxRetries();

    /** Retries the whole router may make per second (a token bucket holding as many), so retries cannot multiply an overload. */
    @WithDefault("10")
    double retriesPerSecond();

    /** How often every model server is asked ServerReady, and ModelReady for the models recently sent to it. */
    @WithDefault("5s")
    Duration healthInterval();

    /** How long one health check may take before the server counts as not ready. */
    @WithDefault("1s")
    Duration healthTimeout();

    /** Calls one model server runs at once; more wait in per-tenant queues served round-robin. */
    @WithDefault("64")
    int backendConcurrency();

    /** Calls one tenant may have waiting for one model server; beyond that the call is refused with 429. */
    @WithDefault("256")
    int maxQueuedPerTenant();

    Breaker breaker();

    Tenant tenant();

    /** The circuit breaker of each model server. */
    interface Breaker {
        /** How many of the latest calls the failure ratio is taken over. */
        @WithDefault("20")
        int window();

        /** Calls needed in the window before the breaker may open. */
        @WithDefault("5")
        int minimumCalls();

        /** Share of failed calls in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long an open breaker refuses calls before one trial call is let through. */
        @WithDefault("10s")
        Duration openFor();
    }

    /** Limits every tenant gets (until plans carry their own). */
    interface Tenant {
        /** Inference calls of one tenant in flight at once on this router; more are answered 429. */
        @WithDefault("32")
        int maxConcurrent();

        /** The largest request (its tensors as protobuf) one call may carry; larger ones are answered 413. */
        @WithDefault("16M")
        MemorySize maxRequestSize();
    }
}
