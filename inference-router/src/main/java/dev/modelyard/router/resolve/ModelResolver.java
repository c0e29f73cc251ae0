package dev.modelyard.router.resolve;

import dev.modelyard.router.RouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * Resolves model references through the registry, remembering answers per tenant until an alias moves;
 * expired answers are refreshed on a virtual thread of their own while callers keep using them.
 */
@ApplicationScoped
public class ModelResolver {

    /** Where a caller that must wait for the registry waits, so that no event loop ever does. */
    private static final Executor LOOKUPS = lookup -> Thread.ofVirtual().name("resolution-lookup").start(lookup);

    private final RegistryClient registry;
    private final ResolutionCache cache;

    public ModelResolver(RegistryClient registry, RouterConfig config) {
        this.registry = registry;
        this.cache = new ResolutionCache(config.resolutionCacheTtl(), System::nanoTime,
                refresh -> Thread.ofVirtual().name("resolution-refresh").start(refresh));
    }

    /** Waits for the registry on this thread when the answer is not in memory. */
    public ServingResolution resolve(ForwardedCaller caller, ModelReference reference) {
        return cache.get(caller.tenant(), reference, lookup(caller, reference));
    }

    /**
     * Completed at once when the answer is in memory (the hot path); otherwise the registry is asked on a
     * virtual thread, which completes the future.
     */
    public CompletableFuture<ServingResolution> resolveAsync(ForwardedCaller caller, ModelReference reference) {
        Supplier<ServingResolution> lookup = lookup(caller, reference);
        ServingResolution cached = cache.cached(caller.tenant(), reference, lookup);
        if (cached != null) {
            return CompletableFuture.completedFuture(cached);
        }
        return CompletableFuture.supplyAsync(() -> cache.get(caller.tenant(), reference, lookup), LOOKUPS);
    }

    private Supplier<ServingResolution> lookup(ForwardedCaller caller, ModelReference reference) {
        return () -> registry.resolve(reference, caller.authorization());
    }

    void aliasMoved(String tenant, String modelName) {
        cache.invalidate(tenant, modelName);
    }

    void forgetAll() {
        cache.clear();
    }
}
