package dev.modelyard.router.backend;

import dev.modelyard.router.RouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The model servers listed in {@code modelyard.router.model-servers}, or none when
 * {@code modelyard.router.backend-discovery=placements} (the registry's placements then name every backend).
 */
@ApplicationScoped
public class ConfiguredBackendDiscovery implements BackendDiscovery {

    private final List<String> targets;

    public ConfiguredBackendDiscovery(RouterConfig config, BackendDiscoveryConfig discovery) {
        this.targets = switch (discovery.backendDiscovery()) {
            case CONFIGURED -> List.copyOf(config.modelServers());
            case PLACEMENTS -> List.of();
        };
    }

    @Override
    public List<String> targets() {
        return targets;
    }
}
