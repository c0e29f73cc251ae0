package dev.modelyard.gateway.ratelimit;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.LongSupplier;

/**
 * Token buckets in this gateway's memory: exact for one replica; with several replicas each
 * enforces the rate on its own share of the traffic.
 */
public class InMemoryRateLimiter implements RateLimiter {

    private final ConcurrentMap<String, TokenBucket> buckets = new ConcurrentHashMap<>();
    private final LongSupplier nanoClock;

    public InMemoryRateLimiter(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    @Override
    public long tryAcquire(String bucket, int perMinute) {
        long now = nanoClock.getAsLong();
        // The usual case reads the map without locking; only a new key or a changed quota writes it.
        TokenBucket tokens = buckets.get(bucket);
        if (tokens == null || tokens.perMinute() != perMinute) {
            // A changed quota takes effect at once: the bucket is replaced, starting full.
            tokens = buckets.compute(bucket, (name, existing) ->
                    existing != null && existing.perMinute() == perMinute ? existing : new TokenBucket(perMinute, now));
        }
        return tokens.take(now);
    }
}
