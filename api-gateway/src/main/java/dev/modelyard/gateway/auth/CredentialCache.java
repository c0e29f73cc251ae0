package dev.modelyard.gateway.auth;

import dev.modelyard.common.db.NotificationListener;
import dev.modelyard.gateway.GatewayConfig;
import dev.modelyard.gateway.apikey.ApiKeySecrets;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What authenticating a request reads from the database (an API key with its tenant, a person's tenant),
 * kept in memory so that the request path does not wait for PostgreSQL. Correctness comes from
 * invalidation, not from expiry: triggers announce every change that could refuse a request on
 * {@value #CHANNEL} (V2 migration), each gateway listens, and the gateway that makes a change also drops
 * its own entries right after the commit, before it answers. While the listener is not connected nothing
 * is cached. Entries still expire after {@code credential-cache-ttl}, which also bounds how stale a key's
 * {@code last_used_at} gets (the lookup records it).
 */
@Singleton // used on every request: no client proxy to go through each time
public class CredentialCache {

    static final String CHANNEL = "gateway_credentials";

    private record Entry<T>(T value, long loadedAt) {
    }

    private final AuthLookups lookups;
    private final TransactionSynchronizationRegistry transactions;
    private final long ttlNanos;
    private final int maxEntries;
    private final NotificationListener listener;
    private final Map<String, Entry<AuthLookups.Found>> keys = new ConcurrentHashMap<>();
    private final Map<String, Entry<AuthLookups.TenantState>> tenants = new ConcurrentHashMap<>();
    /** Counts invalidations, so that a lookup that raced with one does not store what it read before it. */
    private final AtomicLong generation = new AtomicLong();
    private volatile boolean trusted;

    public CredentialCache(AuthLookups lookups, TransactionSynchronizationRegistry transactions, GatewayConfig config,
                           @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
                           @ConfigProperty(name = "quarkus.datasource.username") String user,
                           @ConfigProperty(name = "quarkus.datasource.password") String password) {
        this.lookups = lookups;
        this.transactions = transactions;
        this.ttlNanos = config.credentialCacheTtl().toNanos();
        this.maxEntries = config.credentialCacheSize();
        this.listener = new NotificationListener(url, user, password, CHANNEL, new NotificationListener.Handler() {
            @Override
            public void connected() {
                forgetAll();
                trusted = true;
            }

            @Override
            public void disconnected() {
                trusted = false;
                forgetAll();
            }

            @Override
            public void notified(String payload) {
                if (payload.startsWith("key:")) {
                    generation.incrementAndGet();
                    keys.remove(payload.substring(4));
                } else {
                    forgetAll();
                }
            }
        });
    }

    void start(@Observes StartupEvent event) {
        if (ttlNanos > 0) {
            listener.start();
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        listener.stop();
    }

    /** The key whose secret hashes to {@code secretHash} ({@link ApiKeySecrets#hash}), from memory or the database. */
    public Optional<AuthLookups.Found> apiKey(byte[] secretHash) {
        return cached(keys, HexFormat.of().formatHex(secretHash), () -> lookups.apiKey(secretHash));
    }

    /**
     * The key when this gateway holds it fresh in memory, else empty (which says nothing about the key:
     * look it up with {@link #apiKey}). Never blocks, so it may run on the event loop.
     */
    public Optional<AuthLookups.Found> heldApiKey(byte[] secretHash) {
        return Optional.ofNullable(fresh(keys, HexFormat.of().formatHex(secretHash), System.nanoTime()));
    }

    public Optional<AuthLookups.TenantState> tenant(String id) {
        return cached(tenants, id, () -> lookups.tenant(id));
    }

    /** The tenant when this gateway holds it fresh in memory, else empty, like {@link #heldApiKey}. */
    public Optional<AuthLookups.TenantState> heldTenant(String id) {
        return Optional.ofNullable(fresh(tenants, id, System.nanoTime()));
    }

    /** For a change made in the current transaction: this gateway forgets everything once it commits. */
    public void forgetAllAfterCommit() {
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    forgetAll();
                }
            }
        });
    }

    void forgetAll() {
        generation.incrementAndGet();
        keys.clear();
        tenants.clear();
    }

    private <T> Optional<T> cached(Map<String, Entry<T>> entries, String key, Supplier<Optional<T>> load) {
        if (!trusted) {
            return load.get();
        }
        long now = System.nanoTime();
        T fresh = fresh(entries, key, now);
        if (fresh != null) {
            return Optional.of(fresh);
        }
        long before = generation.get();
        Optional<T> value = load.get();
        // Unknown keys are not remembered: a flood of made-up keys must not push out real ones.
        if (value.isPresent() && generation.get() == before) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entries.put(key, new Entry<>(value.get(), now));
        }
        return value;
    }

    /** The entry's value while the cache is trusted and the entry young enough, else null. */
    private <T> T fresh(Map<String, Entry<T>> entries, String key, long now) {
        if (!trusted) {
            return null;
        }
        Entry<T> entry = entries.get(key);
        return entry != null && now - entry.loadedAt() < ttlNanos ? entry.value() : null;
    }
}
