package dev.modelyard.router.resolve;

import dev.modelyard.common.error.PlatformException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Resolutions per tenant and model reference, fresh for {@code ttl} and dropped as soon as the registry
 * announces that an alias of the model moved.
 *
 * <p>At most one registry lookup per key is in flight: concurrent callers of a key that is missing wait
 * for the same lookup. An entry that merely expired is still answered for one more {@code ttl} while a
 * single background lookup refreshes it, so expiry never sends every caller to the registry at once.
 * An invalidated entry is gone, never answered stale; a lookup that was running when an invalidation
 * came is neither stored nor shared with callers that arrive after it.
 */
final class ResolutionCache {

    private static final Logger LOG = Logger.getLogger(ResolutionCache.class);

    /** Beyond this many entries, entries too old to answer even stale are swept on the next store. */
    private static final int SWEEP_ABOVE = 10_000;

    private record Key(String tenant, String name, String ref) {
    }

    private record Entry(ServingResolution resolution, long expiresAtNanos) {
    }

    private final Map<Key, Entry> entries = new ConcurrentHashMap<>();
    private final Map<Key, CompletableFuture<ServingResolution>> lookups = new ConcurrentHashMap<>();
    /** Bumped by every invalidation, so a lookup that started before one does not store a stale answer. */
    private final AtomicLong generation = new AtomicLong();
    private final long ttlNanos;
    private final LongSupplier nanoClock;
    private final Executor refresher;

    /**
     * @param refresher runs the background refreshes of expired entries
     */
    ResolutionCache(Duration ttl, LongSupplier nanoClock, Executor refresher) {
        this.ttlNanos = ttl.toNanos();
        this.nanoClock = nanoClock;
        this.refresher = refresher;
    }

    ServingResolution get(String tenant, ModelReference reference, Supplier<ServingResolution> lookup) {
        ServingResolution cached = cached(tenant, reference, lookup);
        return cached != null ? cached : awaitLookup(new Key(tenant, reference.name(), reference.ref()), lookup);
    }

    /**
     * The answer memory alone gives, without waiting: a fresh entry, or an expired one while a background
     * lookup refreshes it; null when {@link #get} would have to wait for a lookup.
     */
    ServingResolution cached(String tenant, ModelReference reference, Supplier<ServingResolution> lookup) {
        Key key = new Key(tenant, reference.name(), reference.ref());
        long now = nanoClock.getAsLong();
        Entry cached = entries.get(key);
        if (cached == null || now - cached.expiresAtNanos() >= ttlNanos) {
            return null;
        }
        if (now - cached.expiresAtNanos() >= 0) {
            refreshInBackground(key, lookup);
        }
        return cached.resolution();
    }

    /** Joins the key's lookup in flight, or runs one on this thread that later callers join. */
    private ServingResolution awaitLookup(Key key, Supplier<ServingResolution> lookup) {
        CompletableFuture<ServingResolution> started = new CompletableFuture<>();
        CompletableFuture<ServingResolution> inFlight = lookups.putIfAbsent(key, started);
        if (inFlight == null) {
            runLookup(key, lookup, started, generation.get());
            inFlight = started;
        }
        try {
            return inFlight.join();
        } catch (CompletionException e) {
            if (inFlight != started && e.getCause() instanceof PlatformException refused
                    && (refused.status() == 401 || refused.status() == 403)) {
                // Another caller's credentials were refused, not necessarily this one's.
                return lookup.get();
            }
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private void refreshInBackground(Key key, Supplier<ServingResolution> lookup) {
        CompletableFuture<ServingResolution> started = new CompletableFuture<>();
        if (lookups.putIfAbsent(key, started) != null) {
            return;
        }
        // Taken now, not when the refresher gets to it: an invalidation in between discards the answer.
        long generationBefore = generation.get();
        try {
            refresher.execute(() -> {
                runLookup(key, lookup, started, generationBefore);
                if (started.isCompletedExceptionally()) {
                    // The next caller looks up itself and sees why: a removed model must not live on stale.
                    entries.remove(key);
                    LOG.debugf("Refreshing the resolution of %s failed; it is looked up again on the next call", key);
                }
            });
        } catch (RuntimeException e) {
            lookups.remove(key, started);
            started.completeExceptionally(e);
            LOG.warnf("Cannot refresh the resolution of %s in the background: %s", key, e);
        }
    }

    private void runLookup(Key key, Supplier<ServingResolution> lookup, CompletableFuture<ServingResolution> result,
                           long generationBefore) {
        try {
            ServingResolution resolution = lookup.get();
            store(key, resolution, generationBefore);
            result.complete(resolution);
        } catch (RuntimeException | Error e) {
            result.completeExceptionally(e);
        } finally {
            lookups.remove(key, result);
        }
    }

    private void store(Key key, ServingResolution resolution, long generationBefore) {
        if (generation.get() != generationBefore) {
            return;
        }
        long now = nanoClock.getAsLong();
        if (entries.size() > SWEEP_ABOVE) {
            entries.values().removeIf(entry -> now - entry.expiresAtNanos() >= ttlNanos);
        }
        Entry entry = new Entry(resolution, now + ttlNanos);
        entries.put(key, entry);
        // An invalidation may have come between the check above and the put.
        if (generation.get() != generationBefore) {
            entries.remove(key, entry);
        }
    }

    void invalidate(String tenant, String name) {
        generation.incrementAndGet();
        entries.keySet().removeIf(key -> key.tenant().equals(tenant) && key.name().equals(name));
        lookups.keySet().removeIf(key -> key.tenant().equals(tenant) && key.name().equals(name));
    }

    void clear() {
        generation.incrementAndGet();
        entries.clear();
        lookups.clear();
    }

    int size() {
        return entries.size();
    }
}
