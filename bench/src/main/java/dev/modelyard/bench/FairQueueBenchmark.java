package dev.modelyard.bench;

import dev.modelyard.router.admission.FairQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * The router's queue in front of one model server, 4 calls at once, each taking 2 ms: a bursting tenant keeps
 * 48 callers sending back to back while a quiet tenant sends one call every 10 ms. Measures how long the quiet
 * tenant's calls wait for a slot with the per-tenant round-robin {@link FairQueue} and with a first-come,
 * first-served fair semaphore, in the same run, and prints both side by side.
 */
public final class FairQueueBenchmark {

    private static final int SLOTS = 4;
    private static final int BURST_CALLERS = 48;
    private static final long SERVICE_NANOS = Duration.ofMillis(2).toNanos();
    private static final long QUIET_PAUSE_NANOS = Duration.ofMillis(10).toNanos();
    private static final long MEASURE_SECONDS = 6;

    private FairQueueBenchmark() {
    }

    /** One way to wait for a slot, for the tenant given. */
    private interface Gate {
        AutoCloseable enter(String tenant) throws InterruptedException;
    }

    public static void main(String[] args) throws Exception {
        FairQueue fair = new FairQueue(SLOTS, 1000);
        Semaphore fifo = new Semaphore(SLOTS, true);
        List<Long> fairWaits = run(tenant -> fair.acquire(tenant, System.nanoTime() + TimeUnit.MINUTES.toNanos(1)));
        List<Long> fifoWaits = run(tenant -> {
            fifo.acquire();
            return fifo::release;
        });
        System.out.printf(Locale.ROOT, "%-36s %10s %10s %10s%n", "quiet tenant's wait for a slot", "p50 ms", "p99 ms",
                "calls");
        print("round-robin per tenant (FairQueue)", fairWaits);
        print("first come, first served", fifoWaits);
        System.out.printf(Locale.ROOT, "p99 ratio (FIFO / FairQueue): %.1f%n",
                percentile(fifoWaits, 0.99) / Math.max(1e-3, percentile(fairWaits, 0.99)));
    }

    private static List<Long> run(Gate gate) throws InterruptedException {
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < BURST_CALLERS; i++) {
            threads.add(Thread.ofPlatform().daemon().start(() -> {
                while (running.get()) {
                    call(gate, "burst");
                }
            }));
        }
        List<Long> waits = Collections.synchronizedList(new ArrayList<>());
        Thread quiet = Thread.ofPlatform().daemon().start(() -> {
            while (running.get()) {
                waits.add(call(gate, "quiet"));
                LockSupport.parkNanos(QUIET_PAUSE_NANOS);
            }
        });
        Thread.sleep(TimeUnit.SECONDS.toMillis(MEASURE_SECONDS));
        running.set(false);
        quiet.join();
        for (Thread thread : threads) {
            thread.join();
        }
        return waits.subList(Math.min(10, waits.size()), waits.size());
    }

    /** Waits for a slot, holds it for the service time; returns the wait in nanoseconds. */
    private static long call(Gate gate, String tenant) {
        long asked = System.nanoTime();
        try (AutoCloseable slot = gate.enter(tenant)) {
            long waited = System.nanoTime() - asked;
            long until = System.nanoTime() + SERVICE_NANOS;
            while (System.nanoTime() < until) {
                LockSupport.parkNanos(until - System.nanoTime());
            }
            return waited;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(String name, List<Long> waits) {
        System.out.printf(Locale.ROOT, "%-36s %10.2f %10.2f %10d%n", name, percentile(waits, 0.5),
                percentile(waits, 0.99), waits.size());
    }

    private static double percentile(List<Long> nanos, double quantile) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1, Math.floor(quantile * sorted.size())))
                / 1e6;
    }
}
