package dev.modelyard.router.routing;

import java.util.function.LongSupplier;

/**
 * A token bucket of retries: {@code perSecond} tokens a second, at most {@code perSecond} saved up. When
 * every backend struggles, retries would double the load; the budget caps them router-wide.
 */
public final class RetryBudget {

    private final double perNano;
    private final double capacity;
    private final LongSupplier nanoClock;
    private double tokens;
    private long refilledAt;

    public RetryBudget(double perSecond, LongSupplier nanoClock) {
        this.perNano = perSecond / 1e9;
        this.capacity = perSecond;
        this.nanoClock = nanoClock;
        this.tokens = perSecond;
        this.refilledAt = nanoClock.getAsLong();
    }

    /** Takes one retry from the budget, or says there is none left. */
    public synchronized boolean tryAcquire() {
        long now = nanoClock.getAsLong();
        tokens = Math.min(capacity, tokens + (now - refilledAt) * perNano);
        refilledAt = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
