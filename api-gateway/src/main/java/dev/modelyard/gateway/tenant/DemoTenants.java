package dev.modelyard.gateway.tenant;

import dev.modelyard.gateway.GatewayConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Creates the demo tenants named in {@code modelyard.gateway.demo-tenants} (the embedded stack sets
 * {@code acme,globex}); their Keycloak groups and users come with the realm file.
 */
@ApplicationScoped
public class DemoTenants {

    void seed(@Observes StartupEvent startup, GatewayConfig config, TenantService tenants) {
        config.demoTenants().ifPresent(ids -> ids.forEach(id ->
                tenants.ensureExists(id, Character.toUpperCase(id.charAt(0)) + id.substring(1), "team")));
    }
}
