package dev.modelyard.router.admission;

import dev.modelyard.common.error.PlatformException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The concurrency in front of one backend, shared fairly between tenants: at most {@code capacity} calls
 * run at once; the others wait in one queue per tenant, and each freed slot goes to the next tenant in
 * round-robin order (deficit round robin with a cost of one call). A tenant that sends a burst of a
 * thousand calls waits behind its own calls, not in front of another tenant's one.
 *
 * <p>Waiting holds no thread: a waiting call is a future, completed with its permit on the thread that
 * frees the slot, or failed by a timer when its deadline passes first.
 */
public final class FairQueue {

    /** A slot held by one call; closing it hands the slot on. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /** Fails the waits whose deadline passed; one daemon thread for every queue of the process. */
    private static final ScheduledThreadPoolExecutor DEADLINES = deadlineTimer();

    private static final class Waiter {
        final String tenant;
        final CompletableFuture<Permit> admission = new CompletableFuture<>();
        ScheduledFuture<?> deadline;

        Waiter(String tenant) {
            this.tenant = tenant;
        }
    }

    private final int capacity;
    private final int maxQueuedPerTenant;
    private final Permit permit = this::release;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, ArrayDeque<Waiter>> waiting = new HashMap<>();
    /** Tenants with waiting calls, in the order they get the next slots. */
    private final ArrayDeque<String> turns = new ArrayDeque<>();
    private int running;

    public FairQueue(int capacity, int maxQueuedPerTenant) {
        if (capacity < 1 || maxQueuedPerTenant < 0) {
            throw new IllegalArgumentException("capacity >= 1 and max-queued-per-tenant >= 0 are required");
        }
        this.capacity = capacity;
        this.maxQueuedPerTenant = maxQueuedPerTenant;
    }

    /**
     * A slot now, or once one frees up before {@code deadlineNanos} ({@link System#nanoTime()} based). The
     * future fails with a {@link PlatformException}: 429 at once when the tenant already has the most calls
     * waiting, 503 when the deadline passes first.
     */
    public CompletableFuture<Permit> acquireAsync(String tenant, long deadlineNanos) {
        Waiter waiter;
        lock.lock();
        try {
            if (running < capacity && turns.isEmpty()) {
                running++;
                return CompletableFuture.completedFuture(permit);
            }
            ArrayDeque<Waiter> queue = waiting.computeIfAbsent(tenant, t -> new ArrayDeque<>());
            if (queue.size() >= maxQueuedPerTenant) {
                return CompletableFuture.failedFuture(PlatformException.tooManyRequests(
                        "Too many of your calls are waiting for a model server; slow down or retry shortly", 1));
            }
            waiter = new Waiter(tenant);
            if (queue.isEmpty()) {
                turns.addLast(tenant);
            }
            queue.addLast(waiter);
            // Under the lock, so that a release cannot admit the waiter before its timer is set.
            waiter.deadline = DEADLINES.schedule(() -> expire(waiter), deadlineNanos - System.nanoTime(),
                    TimeUnit.NANOSECONDS);
        } finally {
            lock.unlock();
        }
        return waiter.admission;
    }

    /**
     * {@link #acquireAsync} for a caller that may block: waits on this thread.
     *
     * @throws PlatformException 429 when the tenant already has the most calls waiting, 503 when the deadline
     *                           passes first
     */
    public Permit acquire(String tenant, long deadlineNanos) {
        try {
            return acquireAsync(tenant, deadlineNanos).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof PlatformException refused ? refused : e;
        }
    }

    /** Calls now waiting, over all tenants. */
    public int waiting() {
        lock.lock();
        try {
            return waiting.values().stream().mapToInt(ArrayDeque::size).sum();
        } finally {
            lock.unlock();
        }
    }

    /** Calls now running. */
    public int running() {
        lock.lock();
        try {
            return running;
        } finally {
            lock.unlock();
        }
    }

    private void release() {
        Waiter next;
        lock.lock();
        try {
            String tenant = turns.pollFirst();
            if (tenant == null) {
                running--;
                return;
            }
            ArrayDeque<Waiter> queue = waiting.get(tenant);
            next = queue.pollFirst();
            if (queue.isEmpty()) {
                waiting.remove(tenant);
            } else {
                turns.addLast(tenant);
            }
            // The slot passes straight to the next call: running stays as it is.
        } finally {
            lock.unlock();
        }
        next.deadline.cancel(false);
        // Outside the lock: the admitted call goes on on this thread and may come back to the queue.
        next.admission.complete(permit);
    }

    /** The deadline passed while the call still waited (an admitted one is no longer in its queue). */
    private void expire(Waiter waiter) {
        lock.lock();
        try {
            ArrayDeque<Waiter> queue = waiting.get(waiter.tenant);
            if (queue == null || !queue.remove(waiter)) {
                return;
            }
            if (queue.isEmpty()) {
                waiting.remove(waiter.tenant);
                turns.remove(waiter.tenant);
            }
        } finally {
            lock.unlock();
        }
        waiter.admission.completeExceptionally(new PlatformException(503, "model-server-busy", "Model server busy",
                "Every model server slot stayed busy until the call's deadline; try again shortly",
                List.of(), Map.of("Retry-After", "1")));
    }

    private static ScheduledThreadPoolExecutor deadlineTimer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().daemon().name("fair-queue-deadlines").factory());
        // Most waits end admitted: their cancelled timers must not pile up until their deadline.
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
