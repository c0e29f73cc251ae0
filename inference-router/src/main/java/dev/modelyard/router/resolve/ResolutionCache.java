package dev.modelyard.router.resolve;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Resolutions per tenant and model reference, kept at most {@code ttl} and dropped as soon as the
 * registry announces that an alias of the model moved.
 */
final class ResolutionCache {

    /** Beyond this many entries, expired ones are swept on the next store. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Key(String tenant, String name, String ref) {
    }

    private record Entry(ServingResolution resolution, long expiresAtNanos) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a lookup that started before one does not store a stale answer. */
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final LongSupplier nanoClock;

    ResolutionCache(Duration ttl, LongSupplier nanoClock) {
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
    }

    ServingResolution get(String tenant, ModelReference reference, Supplier<ServingResolution> lookup) {
        Key key = new Key(tenant, reference.name(), reference.ref());
        long now = nanoClock.getAsLong();
        Entry cached = entries.get(key);
        if (cached != null && now - cached.expiresAtNanos() < 0) {
            return cached.resolution();
        }
        long generationBefore = generation.get();
        ServingResolution resolution = lookup.get();
        if (entries.size() > SWEEP_ABOVE) {
            entries.values().removeIf(entry -> now - entry.expiresAtNanos() >= 0);
        }
        entries.put(key, new Entry(resolution, now + ttlNanos));
        if (generation.get() != generationBefore) {
            entries.remove(key);
        }
        return resolution;
    }

    void invalidate(String tenant, String name) {
        generation.incrementAndGet();
        entries.keySet().removeIf(key -> key.tenant().equals(tenant) && key.name().equals(name));
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
    }

    int size() {
        return entries.size();
    }
}
