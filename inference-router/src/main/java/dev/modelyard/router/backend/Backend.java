package dev.modelyard.router.backend;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.router.admission.FairQueue;
import io.grpc.CallOptions;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One model server as the router sees it: its one long-lived channel (inference calls are asynchronous and
 * answered on the channel's own network thread; other questions use a blocking stub), its circuit breaker,
 * the fair queue in front of its concurrency, and what the health checks last found: whether the server is
 * ready and which recently used models it does not have ready.
 */
final class Backend {

    private final String target;
    private final ManagedChannel channel;
    private final GRPCInferenceServiceBlockingStub stub;
    private final CircuitBreaker breaker;
    private final FairQueue queue;
    private volatile boolean serverReady = true;
    /** {@code serving name/version} → when a call last went to it ({@link System#nanoTime()}). */
    private final Map<String, Long> recentModels = new ConcurrentHashMap<>();
    private final Set<String> modelsNotReady = ConcurrentHashMap.newKeySet();

    Backend(String target, CircuitBreaker breaker, FairQueue queue) {
        this.target = target;
        // Answers are handled where they arrive: what follows an answer never blocks, so no executor hop.
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor()
                // Failover is the router's own (other backends, a retry budget); gRPC's transparent retries would
                // only add their bookkeeping to every call.
                .disableRetry().build();
        this.stub = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        this.breaker = breaker;
        this.queue = queue;
    }

    String target() {
        return target;
    }

    GRPCInferenceServiceBlockingStub stub() {
        return stub;
    }

    /** Sends ModelInfer without waiting; the future completes on the channel's network thread. */
    CompletableFuture<ModelInferResponse> infer(ModelInferRequest request, long deadlineNanos) {
        Answer answer = new Answer();
        ClientCalls.asyncUnaryCall(channel.newCall(GRPCInferenceServiceGrpc.getModelInferMethod(),
                CallOptions.DEFAULT.withDeadline(Deadline.after(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS))),
                request, answer);
        return answer;
    }

    /** The one answer of a unary call, as a future. */
    private static final class Answer extends CompletableFuture<ModelInferResponse>
            implements StreamObserver<ModelInferResponse> {

        @Override
        public void onNext(ModelInferResponse response) {
            complete(response);
        }

        @Override
        public void onError(Throwable failure) {
            completeExceptionally(failure);
        }

        @Override
        public void onCompleted() {
            // The answer came with onNext; a call that ends without one fails through onError.
        }
    }

    CircuitBreaker breaker() {
        return breaker;
    }

    FairQueue queue() {
        return queue;
    }

    boolean serverReady() {
        return serverReady;
    }

    void serverReady(boolean ready) {
        serverReady = ready;
    }

    /** Whether a call may be sent now, as far as health and the breaker tell. */
    boolean available() {
        return serverReady && breaker.wouldAllow();
    }

    boolean modelReady(String model) {
        return !modelsNotReady.contains(model);
    }

    void modelReady(String model, boolean ready) {
        if (ready) {
            modelsNotReady.remove(model);
        } else {
            modelsNotReady.add(model);
        }
    }

    void used(String model, long nanos) {
        recentModels.put(model, nanos);
    }

    /** Models called since {@code sinceNanos}; older ones are forgotten. */
    Set<String> recentModels(long sinceNanos) {
        recentModels.values().removeIf(at -> at - sinceNanos < 0);
        modelsNotReady.retainAll(recentModels.keySet());
        return Set.copyOf(recentModels.keySet());
    }

    void close() {
        channel.shutdownNow();
    }
}
