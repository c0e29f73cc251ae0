package dev.modelyard.gateway.ratelimit;

/** Decides whether one more request fits a caller's rate. */
public interface RateLimiter {

    /** 0 when the request may go ahead, otherwise the seconds to wait (for {@code Retry-After}). */
    long tryAcquire(String bucket, int perMinute);
}
