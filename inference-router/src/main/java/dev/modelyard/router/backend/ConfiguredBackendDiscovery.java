package dev.modelyard.router.backend;

import dev.modelyard.router.RouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** The model servers listed in {@code modelyard.router.model-servers}. */
@ApplicationScoped
public class ConfiguredBackendDiscovery implements BackendDiscovery {

    private final List<String> targets;

    public ConfiguredBackendDiscovery(RouterConfig config) {
        this.targets = List.copyOf(config.modelServers());
    }

    @Override
    public List<String> targets() {
        return targets;
    }
}
