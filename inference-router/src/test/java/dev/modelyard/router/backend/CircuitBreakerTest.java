package dev.modelyard.router.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(10, 4, 0.5, Duration.ofSeconds(10), now::get);

    @Test
    void opensWhenHalfOfEnoughRecentCallsFailed() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(breaker.tryAcquire()).isFalse();
        assertThat(breaker.retryAfter()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void staysClosedWhileFailuresAreTheMinority() {
        for (int i = 0; i < 30; i++) {
            breaker.onSuccess();
            breaker.onSuccess();
            breaker.onFailure();
        }
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void oldOutcomesLeaveTheWindow() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        for (int i = 0; i < 10; i++) {
            breaker.onSuccess();
        }
        breaker.onFailure();
        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void halfOpenLetsOneTrialThroughWhoseOutcomeDecides() {
        breaker.trip();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.wouldAllow()).isTrue();
        assertThat(breaker.tryAcquire()).isTrue();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(breaker.tryAcquire()).isFalse();

        breaker.onFailure();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.OPEN);
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onSuccess();
        assertThat(breaker.state()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(breaker.tryAcquire()).isTrue();
    }

    @Test
    void aTrialThatToldNothingLetsTheNextOneThrough() {
        breaker.trip();
        now.addAndGet(Duration.ofSeconds(11).toNanos());
        assertThat(breaker.tryAcquire()).isTrue();
        breaker.onIgnored();
        assertThat(breaker.tryAcquire()).isTrue();
    }
}
