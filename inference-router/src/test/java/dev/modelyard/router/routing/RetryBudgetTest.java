package dev.modelyard.router.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RetryBudgetTest {

    @Test
    void holdsAtMostOneSecondOfRetriesAndRefillsWithTime() {
        AtomicLong now = new AtomicLong();
        RetryBudget budget = new RetryBudget(2, now::get);
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        now.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();

        now.addAndGet(Duration.ofMinutes(1).toNanos());
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isTrue();
        assertThat(budget.tryAcquire()).isFalse();
    }
}
