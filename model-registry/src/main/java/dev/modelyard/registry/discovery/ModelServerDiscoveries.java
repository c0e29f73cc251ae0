package dev.modelyard.registry.discovery;

import dev.modelyard.registry.RegistryConfig;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.util.List;

/** The discovery {@code modelyard.registry.discovery} names; the Kubernetes client is only created when it is needed. */
@ApplicationScoped
class ModelServerDiscoveries {

    @Produces
    @ApplicationScoped
    ModelServerDiscovery discovery(DiscoveryConfig discovery, RegistryConfig registry,
                                   Instance<KubernetesClient> kubernetes) {
        return switch (discovery.discovery()) {
            case CONFIGURED -> new ConfiguredModelServerDiscovery(registry.modelServers().orElse(List.of()));
            case KUBERNETES -> EndpointSliceDiscovery.start(kubernetes.get(), discovery.kubernetes());
        };
    }

    /** The EndpointSlice informer stops with the application. */
    void close(@Disposes ModelServerDiscovery discovery) {
        discovery.close();
    }
}
