package dev.modelyard.protocols.streaming;

import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The server side of KServe's bidirectional {@code ModelStreamInfer}: each request of the stream is handled
 * on its own virtual thread, so the requests of one stream run concurrently (and can meet in a dynamic
 * batch), while the answers leave in the order the requests came. At most {@link #IN_FLIGHT} requests are
 * handled at once: the next one is read from the transport only when an answer went out, so a fast sender
 * is held back by gRPC flow control instead of filling memory. The handler answers a refused request
 * itself ({@code error_message}, the stream goes on, as Triton does); a handler that throws ends the stream
 * with INTERNAL.
 *
 * @param <Q> the request message
 * @param <A> the answer message
 */
public final class OrderedStreamInfer<Q, A> implements StreamObserver<Q> {

    /** Requests of one stream handled at the same time. */
    public static final int IN_FLIGHT = 16;

    private final ServerCallStreamObserver<A> answers;
    private final Function<Q, A> handler;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    /** Completes once every answer so far went out; guarded by {@code this}. */
    private CompletableFuture<Void> answered = CompletableFuture.completedFuture(null);
    private boolean failed;

    public OrderedStreamInfer(ServerCallStreamObserver<A> answers, Function<Q, A> handler) {
        this.answers = answers;
        this.handler = handler;
        answers.disableAutoRequest();
        answers.request(IN_FLIGHT);
    }

    /** Requests that arrive after the stream failed or the client went away are dropped: nobody gets their answer. */
    @Override
    public synchronized void onNext(Q request) {
        if (failed || executor.isShutdown()) {
            return;
        }
        CompletableFuture<A> answer = CompletableFuture.supplyAsync(() -> handler.apply(request), executor);
        answered = answered.thenCompose(previousSent -> answer).thenAccept(this::send);
        answered.exceptionally(failure -> {
            fail(failure);
            return null;
        });
    }

    /** The client cancelled or the transport broke: nothing more can be sent. */
    @Override
    public void onError(Throwable failure) {
        executor.shutdownNow();
    }

    /** The client sent its last request: the stream ends once every answer went out. */
    @Override
    public synchronized void onCompleted() {
        executor.shutdown();
        answered.thenRun(() -> {
            synchronized (this) {
                if (!failed && !answers.isCancelled()) {
                    answers.onCompleted();
                }
            }
        });
    }

    private void send(A answer) {
        if (!answers.isCancelled()) {
            answers.onNext(answer);
            answers.request(1);
        }
    }

    private synchronized void fail(Throwable failure) {
        if (failed || answers.isCancelled()) {
            return;
        }
        failed = true;
        executor.shutdownNow();
        Throwable cause = failure.getCause() == null ? failure : failure.getCause();
        answers.onError(Status.INTERNAL.withDescription("A streamed request failed unexpectedly").withCause(cause)
                .asRuntimeException());
    }
}
