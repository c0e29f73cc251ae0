package dev.modelyard.router.backend;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One backend's circuit breaker over its last calls. Closed: every call passes and its outcome is counted;
 * once at least {@code minimumCalls} of the last {@code window} calls were made and the failed share reaches
 * {@code failureRatio}, it opens. Open: no call passes for {@code openFor}. Half-open: one trial call passes;
 * its success closes the breaker (with a clean window), its failure opens it again.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final boolean[] outcomes;
    private final int minimumCalls;
    private final double failureRatio;
    private final long openForNanos;
    private final LongSupplier nanoClock;

    private State state = State.CLOSED;
    private int recorded;
    private int next;
    private int failures;
    private long openUntilNanos;
    private boolean trialInFlight;

    public CircuitBreaker(int window, int minimumCalls, double failureRatio, Duration openFor, LongSupplier nanoClock) {
        if (window < 1 || minimumCalls < 1 || minimumCalls > window || failureRatio <= 0 || failureRatio > 1) {
            throw new IllegalArgumentException("window >= minimum-calls >= 1 and 0 < failure-ratio <= 1 are required");
        }
        this.outcomes = new boolean[window];
        this.minimumCalls = minimumCalls;
        this.failureRatio = failureRatio;
        this.openForNanos = openFor.toNanos();
        this.nanoClock = nanoClock;
    }

    /** Whether a call may go to this backend now; in half-open state only the one trial call may. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED -> {
                return true;
            }
            case OPEN -> {
                if (nanoClock.getAsLong() - openUntilNanos < 0) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            }
            default -> {
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
            }
        }
    }

    /** Whether {@link #tryAcquire} would let a call through, without taking the half-open trial. */
    public synchronized boolean wouldAllow() {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> nanoClock.getAsLong() - openUntilNanos >= 0;
            case HALF_OPEN -> !trialInFlight;
        };
    }

    public synchronized void onSuccess() {
        if (state == State.HALF_OPEN) {
            close();
            return;
        }
        record(false);
    }

    public synchronized void onFailure() {
        if (state == State.HALF_OPEN) {
            open();
            return;
        }
        record(true);
        if (state == State.CLOSED && recorded >= minimumCalls && failures >= failureRatio * recorded) {
            open();
        }
    }

    /** A call that passed {@link #tryAcquire} but told nothing about the backend's health (e.g. refused input). */
    public synchronized void onIgnored() {
        if (state == State.HALF_OPEN) {
            trialInFlight = false;
        }
    }

    /** Opens at once, as when an active health check finds the backend not ready. */
    public synchronized void trip() {
        if (state != State.OPEN) {
            open();
        }
    }

    public synchronized State state() {
        return state;
    }

    /** How long until an open breaker lets a trial call through; zero otherwise. */
    public synchronized Duration retryAfter() {
        if (state != State.OPEN) {
            return Duration.ZERO;
        }
        return Duration.ofNanos(Math.max(0, openUntilNanos - nanoClock.getAsLong()));
    }

    private void record(boolean failed) {
        if (recorded == outcomes.length) {
            failures -= outcomes[next] ? 1 : 0;
        } else {
            recorded++;
        }
        outcomes[next] = failed;
        failures += failed ? 1 : 0;
        next = (next + 1) % outcomes.length;
    }

    private void open() {
        state = State.OPEN;
        openUntilNanos = nanoClock.getAsLong() + openForNanos;
        trialInFlight = false;
    }

    private void close() {
        state = State.CLOSED;
        recorded = 0;
        next = 0;
        failures = 0;
        trialInFlight = false;
    }
}
