package dev.modelyard.gateway.ratelimit;

import java.util.concurrent.atomic.AtomicReference;

/**
 * A token bucket holding up to one minute's worth of requests and refilling continuously, so a
 * caller may burst up to its per-minute rate and then sustain it. Thread-safe without a lock: each
 * grant replaces the immutable fill level by compare-and-set, so callers of one key never wait on
 * each other.
 */
final class TokenBucket {

    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    /** The tokens there were at one instant; the tokens now follow from the time since. */
    private record Level(double tokens, long atNanos) {
    }

    private final int perMinute;
    private final AtomicReference<Level> level;

    TokenBucket(int perMinute, long nowNanos) {
        this.perMinute = perMinute;
        this.level = new AtomicReference<>(new Level(perMinute, nowNanos));
    }

    int perMinute() {
        return perMinute;
    }

    /** Takes one token: 0 when granted, otherwise the whole seconds until one will be there. */
    long take(long nowNanos) {
        while (true) {
            Level current = level.get();
            double refill = (nowNanos - current.atNanos()) * (double) perMinute / NANOS_PER_MINUTE;
            double tokens = Math.min(perMinute, current.tokens() + refill);
            if (tokens < 1) {
                // Nothing is stored on a refusal: below the cap the refill is linear, so the next caller
                // computes the same level from the stored one, and a flood of refused calls never contends.
                double nanosUntilToken = (1 - tokens) * NANOS_PER_MINUTE / perMinute;
                return Math.max(1, (long) Math.ceil(nanosUntilToken / 1e9));
            }
            if (level.compareAndSet(current, new Level(tokens - 1, nowNanos))) {
                return 0;
            }
        }
    }
}
