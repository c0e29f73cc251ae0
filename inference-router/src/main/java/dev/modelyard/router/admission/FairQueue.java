package dev.modelyard.router.admission;

import dev.modelyard.common.error.PlatformException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The concurrency in front of one backend, shared fairly between tenants: at most {@code capacity} calls
 * run at once; the others wait in one queue per tenant, and each freed slot goes to the next tenant in
 * round-robin order (deficit round robin with a cost of one call). A tenant that sends a burst of a
 * thousand calls waits behind its own calls, not in front of another tenant's one.
 */
public final class FairQueue {

    /** A slot held by one call; closing it hands the slot on. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Waiter {
        final Condition granted;
        boolean admitted;

        Waiter(Condition granted) {
            this.granted = granted;
        }
    }

    private final int capacity;
    private final int maxQueuedPerTenant;
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
     * Waits for a slot until {@code deadlineNanos} ({@link System#nanoTime()} based).
     *
     * @throws PlatformException 429 when the tenant already has the most calls waiting, 503 when the deadline
     *                           passes first
     */
    public Permit acquire(String tenant, long deadlineNanos) {
        lock.lock();
        try {
            if (running < capacity && turns.isEmpty()) {
                running++;
                return this::release;
            }
            ArrayDeque<Waiter> queue = waiting.computeIfAbsent(tenant, t -> new ArrayDeque<>());
            if (queue.size() >= maxQueuedPerTenant) {
                throw PlatformException.tooManyRequests("Too many of your calls are waiting for a model server; "
                        + "slow down or retry shortly", 1);
            }
            Waiter waiter = new Waiter(lock.newCondition());
            if (queue.isEmpty()) {
                turns.addLast(tenant);
            }
            queue.addLast(waiter);
            long left = deadlineNanos - System.nanoTime();
            while (!waiter.admitted && left > 0) {
                try {
                    left = waiter.granted.awaitNanos(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (waiter.admitted) {
                return this::release;
            }
            queue.remove(waiter);
            if (queue.isEmpty()) {
                waiting.remove(tenant);
                turns.remove(tenant);
            }
            throw new PlatformException(503, "model-server-busy", "Model server busy",
                    "Every model server slot stayed busy until the call's deadline; try again shortly",
                    List.of(), Map.of("Retry-After", "1"));
        } finally {
            lock.unlock();
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
        lock.lock();
        try {
            String tenant = turns.pollFirst();
            if (tenant == null) {
                running--;
                return;
            }
            ArrayDeque<Waiter> queue = waiting.get(tenant);
            Waiter next = queue.pollFirst();
            if (queue.isEmpty()) {
                waiting.remove(tenant);
            } else {
                turns.addLast(tenant);
            }
            // The slot passes straight to the next call: running stays as it is.
            next.admitted = true;
            next.granted.signal();
        } finally {
            lock.unlock();
        }
    }
}
