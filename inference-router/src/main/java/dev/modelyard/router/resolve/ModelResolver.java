package dev.modelyard.router.resolve;

import dev.modelyard.router.RouterConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Resolves model references through the registry, remembering answers per tenant until an alias moves;
 * expired answers are refreshed on a virtual thread of their own while callers keep using them.
 */
@ApplicationScoped
public class ModelResolver {

    private final RegistryClient registry;
    private final ResolutionCache cache;

    public ModelResolver(RegistryClient registry, RouterConfig config) {
        this.registry = registry;
        this.cache = new ResolutionCache(config.resolutionCacheTtl(), System::nanoTime,
                refresh -> Thread.ofVirtual().name("resolution-refresh").start(refresh));
    }

    public ServingResolution resolve(ForwardedCaller caller, ModelReference reference) {
        return cache.get(caller.tenant(), reference, () -> registry.resolve(reference, caller.token()));
    }

    void aliasMoved(String tenant, String modelName) {
        cache.invalidate(tenant, modelName);
    }

    void forgetAll() {
        cache.clear();
    }
}
