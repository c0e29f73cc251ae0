package dev.modelyard.router.backend;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelyard.router.admission.FairQueue;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One model server as the router sees it: its one long-lived channel and stub (calls only add their
 * deadline), its circuit breaker, the fair queue in front of its concurrency, and what the health checks
 * last found: whether the server is ready and which recently used models it does not have ready.
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
        this.channel = NettyChannelBuilder.forTarget(target).usePlaintext().build();
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
