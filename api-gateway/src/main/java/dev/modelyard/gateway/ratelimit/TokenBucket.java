package dev.modelyard.gateway.ratelimit;

/**
 * A token bucket holding up to one minute's worth of requests and refilling continuously, so a
 * caller may burst up to its per-minute rate and then sustain it. Thread-safe.
 */
final class TokenBucket {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    private final int perMinute;
    private double tokens;
    private long lastRefillNanos;

    TokenBucket(int perMinute, long nowNanos) {
        this.perMinute = perMinute;
        this.tokens = perMinute;
        this.lastRefillNanos = nowNanos;
    }

    int perMinute() {
        return perMinute;
    }

    /** Takes one token: 0 when granted, otherwise the whole seconds until one will be there. */
    synchronized long take(long nowNanos) {
        double refill = (nowNanos - lastRefillNanos) * (double) perMinute / NANOS_PER_MINUTE;
        tokens = Math.min(perMinute, tokens + refill);
        lastRefillNanos = nowNanos;
        if (tokens >= 1) {
            tokens -= 1;
            return 0;
        }
        double nanosUntilToken = (1 - tokens) * NANOS_PER_MINUTE / perMinute;
        return Math.max(1, (long) Math.ceil(nanosUntilToken / 1e9));
    }
}
