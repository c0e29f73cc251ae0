package dev.modelyard.modelserver.runtime;

import dev.modelyard.modelserver.ModelServerException;
import java.lang.reflect.Array;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * Triton's dynamic batcher for one model version: requests wait in a queue, requests whose inputs agree
 * beyond the batch dimension are merged along it and run once, and each caller gets exactly its own rows
 * back. A batch runs when it is full ({@code max_batch_size} rows, or the next request would not fit), when
 * the queued rows make a preferred batch size (the largest one reachable), or when its oldest request has
 * waited {@code max_queue_delay}. Each of {@code instances} workers forms and runs one batch at a time, as
 * Triton's model instances do.
 */
final class DynamicBatcher implements AutoCloseable {

    /**
     * @param preferredBatchSizes sizes worth running at once; empty: only a full batch runs before the delay
     * @param instances how many batches may run at the same time
     */
    record Settings(int maxBatchSize, SortedSet<Integer> preferredBatchSizes, long maxQueueDelayNanos, int instances) {
    }

    /** One request's share of a batch: its rows of every output, how long it queued, what the batch took. */
    record Share(List<Tensor> outputs, long queueNanos, InferenceStatistics.ComputeTimes times) {
    }

    private static final class Pending {
        final List<Tensor> inputs;
        final long rows;
        /** Requests merge only when their inputs' names, datatypes and non-batch dimensions agree. */
        final String layout;
        final long enqueuedNanos = System.nanoTime();
        final CompletableFuture<Share> share = new CompletableFuture<>();

        Pending(List<Tensor> inputs, long rows) {
            this.inputs = inputs.stream().sorted(Comparator.comparing(Tensor::name)).toList();
            this.rows = rows;
            this.layout = this.inputs.stream().map(input -> input.name() + ":" + input.datatype() + ":"
                    + Tensor.formatShape(Arrays.copyOfRange(input.shape(), 1, input.shape().length)))
                    .collect(Collectors.joining(","));
        }
    }

    private final ModelVersion version;
    private final List<String> outputNames;
    private final Settings settings;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition arrived = lock.newCondition();
    private final ArrayDeque<Pending> queue = new ArrayDeque<>();
    private boolean open = true;

    /** @param outputNames every output of the model: a batch computes them all, each caller takes what it asked */
    DynamicBatcher(ModelVersion version, List<String> outputNames, Settings settings) {
        this.version = version;
        this.outputNames = List.copyOf(outputNames);
        this.settings = settings;
        for (int instance = 0; instance < settings.instances(); instance++) {
            Thread.ofPlatform().daemon().name("batcher-" + version.modelName() + "-" + version.version() + "-" + instance)
                    .start(this::work);
        }
    }

    /**
     * Queues validated inputs of {@code rows} rows and waits for their share of a batch. Empty once the
     * batcher is closed (its model was reloaded or unloaded): the caller then runs the request on its own.
     */
    Optional<Share> submit(List<Tensor> inputs, long rows) {
        Pending pending = new Pending(inputs, rows);
        lock.lock();
        try {
            if (!open) {
                return Optional.empty();
            }
            queue.addLast(pending);
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            return Optional.of(pending.share.join());
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /** Stops taking requests; the workers still run what is queued, then end. */
    @Override
    public void close() {
        lock.lock();
        try {
            open = false;
            arrived.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void work() {
        while (true) {
            List<Pending> batch;
            lock.lock();
            try {
                while (queue.isEmpty()) {
                    if (!open) {
                        return;
                    }
                    arrived.await();
                }
                batch = nextBatch();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                lock.unlock();
            }
            run(batch);
        }
    }

    /** With the lock held and a request queued: waits until a batch is due, takes it off the queue. */
    private List<Pending> nextBatch() throws InterruptedException {
        while (true) {
            Pending oldest = queue.peekFirst();
            List<Pending> candidates = new ArrayList<>();
            long rows = 0;
            boolean full = false;
            for (Pending pending : queue) {
                if (!pending.layout.equals(oldest.layout)) {
                    continue;
                }
                if (rows + pending.rows > settings.maxBatchSize()) {
                    full = true;
                    break;
                }
                candidates.add(pending);
                rows += pending.rows;
            }
            long waited = System.nanoTime() - oldest.enqueuedNanos;
            int take;
            if (full || rows == settings.maxBatchSize() || waited >= settings.maxQueueDelayNanos() || !open) {
                take = candidates.size();
            } else {
                take = largestPreferredPrefix(candidates);
            }
            if (take > 0) {
                List<Pending> batch = List.copyOf(candidates.subList(0, take));
                for (Iterator<Pending> queued = queue.iterator(); queued.hasNext(); ) {
                    Pending pending = queued.next();
                    if (batch.stream().anyMatch(taken -> taken == pending)) {
                        queued.remove();
                    }
                }
                return batch;
            }
            arrived.awaitNanos(settings.maxQueueDelayNanos() - waited);
            if (queue.isEmpty()) {
                // Another worker took the requests while this one waited.
                return List.of();
            }
        }
    }

    /** How many of the candidates make the largest preferred batch size; 0 when none does. */
    private int largestPreferredPrefix(List<Pending> candidates) {
        int best = 0;
        long rows = 0;
        for (int i = 0; i < candidates.size(); i++) {
            rows += candidates.get(i).rows;
            if (settings.preferredBatchSizes().contains((int) rows)) {
                best = i + 1;
            }
        }
        return best;
    }

    private void run(List<Pending> batch) {
        if (batch.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        try {
            long rows = batch.stream().mapToLong(pending -> pending.rows).sum();
            ModelVersion.Execution execution = version.run(merge(batch, rows), outputNames, rows);
            long offset = 0;
            for (Pending pending : batch) {
                List<Tensor> outputs = new ArrayList<>(outputNames.size());
                for (Tensor output : execution.outputs()) {
                    outputs.add(rowsOf(output, rows, offset, pending.rows));
                }
                offset += pending.rows;
                pending.share.complete(new Share(outputs, started - pending.enqueuedNanos, execution.times()));
            }
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.share.completeExceptionally(e));
        }
    }

    /** Each input of the batch's requests concatenated along the batch dimension, in queue order. */
    private static List<Tensor> merge(List<Pending> batch, long rows) {
        if (batch.size() == 1) {
            return batch.getFirst().inputs;
        }
        List<Tensor> merged = new ArrayList<>();
        List<Tensor> first = batch.getFirst().inputs;
        for (int input = 0; input < first.size(); input++) {
            Tensor template = first.get(input);
            int total = 0;
            for (Pending pending : batch) {
                total += pending.inputs.get(input).valueCount();
            }
            Object values = Array.newInstance(template.datatype().carrier().getComponentType(), total);
            int at = 0;
            for (Pending pending : batch) {
                Tensor part = pending.inputs.get(input);
                System.arraycopy(part.values(), 0, values, at, part.valueCount());
                at += part.valueCount();
            }
            long[] shape = template.shape().clone();
            shape[0] = rows;
            merged.add(new Tensor(template.name(), template.datatype(), shape, values));
        }
        return merged;
    }

    /** Rows {@code [offset, offset + count)} of a batch output. */
    private Tensor rowsOf(Tensor output, long batchRows, long offset, long count) {
        if (output.shape().length == 0 || output.shape()[0] != batchRows) {
            throw ModelServerException.invalid("model '" + version.modelName() + "' output '" + output.name()
                    + "' has shape " + Tensor.formatShape(output.shape()) + " for a batch of " + batchRows
                    + " rows; dynamic batching needs the batch dimension first");
        }
        if (offset == 0 && count == batchRows) {
            return output;
        }
        int perRow = Math.toIntExact(output.valueCount() / batchRows);
        Object values = Array.newInstance(output.datatype().carrier().getComponentType(), Math.toIntExact(count * perRow));
        System.arraycopy(output.values(), Math.toIntExact(offset * perRow), values, 0, Math.toIntExact(count * perRow));
        long[] shape = output.shape().clone();
        shape[0] = count;
        return new Tensor(output.name(), output.datatype(), shape, values);
    }
}
