package dev.modelyard.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.common.testing.ConcurrentCallers;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

    private static final long SECOND = 1_000_000_000L;
    private static final long START = 5 * SECOND;

    @Test
    void burstsUpToTheRateAndThenSaysHowLongToWait() {
        TokenBucket bucket = new TokenBucket(6, START);
        for (int i = 0; i < 6; i++) {
            assertThat(bucket.take(START)).isZero();
        }
        // Six a minute is one token every ten seconds.
        assertThat(bucket.take(START)).isEqualTo(10);
    }

    @Test
    void refillsContinuouslyAndRefusalsDoNotLoseTheRefill() {
        TokenBucket bucket = new TokenBucket(6, START);
        for (int i = 0; i < 6; i++) {
            bucket.take(START);
        }
        assertThat(bucket.take(START + 5 * SECOND)).isEqualTo(5);
        assertThat(bucket.take(START + 9 * SECOND)).isEqualTo(1);
        assertThat(bucket.take(START + 10 * SECOND)).isZero();
        assertThat(bucket.take(START + 10 * SECOND)).isEqualTo(10);
    }

    @Test
    void holdsNoMoreThanOneMinuteOfTokens() {
        TokenBucket bucket = new TokenBucket(60, START);
        long anHourLater = START + 3600 * SECOND;
        for (int i = 0; i < 60; i++) {
            assertThat(bucket.take(anHourLater)).isZero();
        }
        assertThat(bucket.take(anHourLater)).isEqualTo(1);
    }

    @Test
    void aChangedQuotaStartsAFullBucketAtOnce() {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(() -> START);
        assertThat(limiter.tryAcquire("key:a", 1)).isZero();
        assertThat(limiter.tryAcquire("key:a", 1)).isEqualTo(60);
        assertThat(limiter.tryAcquire("key:a", 2)).isZero();
        assertThat(limiter.tryAcquire("key:a", 2)).isZero();
        assertThat(limiter.tryAcquire("key:a", 2)).isEqualTo(30);
        assertThat(limiter.tryAcquire("key:b", 1)).isZero();
    }

    @Test
    void concurrentCallersAreGrantedExactlyTheBucketsTokens() throws Exception {
        TokenBucket bucket = new TokenBucket(100_000, START);
        assertThat(grantedConcurrently(10_000, () -> bucket.take(START))).isEqualTo(100_000);
    }

    @Test
    void concurrentFirstCallersOfANewKeyShareOneBucket() throws Exception {
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(() -> START);
        assertThat(grantedConcurrently(500, () -> limiter.tryAcquire("tenant:acme", 1_000))).isEqualTo(1_000);
    }

    @Test
    void concurrentCallersAreGrantedTheRefillAsTimeMoves() throws Exception {
        // Each call reads a clock one millisecond later: 16 x 500 calls span 7.999 s, refilling 799.9 tokens.
        AtomicLong clock = new AtomicLong(START);
        InMemoryRateLimiter limiter = new InMemoryRateLimiter(() -> clock.getAndAdd(SECOND / 1_000));
        int granted = grantedConcurrently(500, () -> limiter.tryAcquire("tenant:acme", 6_000));
        // Never more than the burst and the refill; a thread holding an old reading may leave a little unused.
        assertThat(granted).isBetween(6_700, 6_799);
    }

    /** 16 threads making their calls together: how many were granted. */
    private static int grantedConcurrently(int callsPerThread, LongSupplier take) throws Exception {
        return ConcurrentCallers.count(16, callsPerThread, () -> take.getAsLong() == 0);
    }
}
