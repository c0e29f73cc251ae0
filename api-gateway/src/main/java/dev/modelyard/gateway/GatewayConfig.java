package dev.modelyard.gateway;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How the gateway reaches the services and what it lets through. */
@ConfigMapping(prefix = "modelyard.gateway")
public interface GatewayConfig {

    /** Base URL of each service by name: privacy, training, registry, router. */
    Map<String, String> services();

    /** Tenants created at start-up whose identities come with the realm file; empty in production. */
    Optional<List<String>> demoTenants();

    /** Largest request body forwarded, in bytes (413 above it); uploads stream, so this is not memory. */
    @WithDefault("2147483648")
    long maxBodySize();

    /** How long a forwarded request may go without any bytes moving before it is abandoned. */
    @WithDefault("PT5M")
    Duration idleTimeout();

    /** Connections kept open to each service. */
    @WithDefault("64")
    int maxConnectionsPerService();

    /**
     * How long an authenticated API key or tenant stays in memory. Changes reach the cache at once through
     * database notifications; this bounds staleness only of what nothing announces ({@code last_used_at}).
     * {@code 0S} turns the cache off.
     */
    @WithDefault("PT60S")
    Duration credentialCacheTtl();

    /** Most API keys (and, separately, tenants) kept in memory; beyond it the cache starts over. */
    @WithDefault("100000")
    int credentialCacheSize();
}
