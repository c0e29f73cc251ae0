package dev.modelyard.common.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Many threads making their calls together, released at once by one latch, so that a race has every chance to show. */
public final class ConcurrentCallers {

    private ConcurrentCallers() {
    }

    /**
     * Makes {@code callsPerThread} calls on each of {@code threads} threads, all started together, and waits for
     * every one of them.
     *
     * @return how many calls answered {@code true}
     * @throws ExecutionException wrapping the first failure of a call
     */
    public static int count(int threads, int callsPerThread, BooleanSupplier call)
            throws InterruptedException, ExecutionException {
        AtomicInteger answeredTrue = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < callsPerThread; i++) {
                        if (call.getAsBoolean()) {
                            answeredTrue.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return answeredTrue.get();
    }
}
