package dev.modelyard.router.backend;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.router.admission.FairQueue;
import io.grpc.CallOptions;
import io.grpc.Deadline;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoop;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoop;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One model server as the router sees it: its long-lived channels, its circuit breaker, the fair queue in front
 * of its concurrency, and what the health checks last found: whether the server is ready and which recently used
 * models it does not have ready.
 *
 * <p>A call made on one of the router's event loops goes out on that loop's own channel, whose connection does its
 * I/O on that loop: the request is written and the answer read and handled on the thread that received the call,
 * with no hand-over to another thread and back (each a queued task and a wake-up, on both ways of every call).
 * Calls from elsewhere (a virtual thread resolving a model, the health checks) use one channel with its own
 * network threads.
 */
final class Backend {

    private final String target;
    /** The router's event loops, or null where it has none (tests): then every call takes {@link #channel}. */
    private final EventLoopGroup eventLoops;
    /** Each event loop's channel, by the loop's thread. */
    private final Map<Thread, ManagedChannel> channelsByLoop = new ConcurrentHashMap<>();
    private final ManagedChannel channel;
    private final GRPCInferenceServiceBlockingStub stub;
    private final CircuitBreaker breaker;
    private final FairQueue queue;
    private volatile boolean serverReady = true;
    /** {@code serving name/version} → when a call last went to it ({@link System#nanoTime()}). */
    private final Map<String, Long> recentModels = new ConcurrentHashMap<>();
    private final Set<String> modelsNotReady = ConcurrentHashMap.newKeySet();

    Backend(String target, EventLoopGroup eventLoops, CircuitBreaker breaker, FairQueue queue) {
        this.target = target;
        this.eventLoops = eventLoops;
        this.channel = channelBuilder().build();
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

    private NettyChannelBuilder channelBuilder() {
        // Answers are handled where they arrive: what follows an answer never blocks, so no executor hop.
        return NettyChannelBuilder.forTarget(target).usePlaintext().directExecutor()
                // Failover is the router's own (other backends, a retry budget); gRPC's transparent retries would
                // only add their bookkeeping to every call.
                .disableRetry();
    }

    /**
     * Sends ModelInfer without waiting; the future completes on the channel's network thread, which is the
     * calling thread when that is one of the router's event loops.
     */
    CompletableFuture<ModelInferResponse> infer(ModelInferRequest request, long deadlineNanos) {
        Answer answer = new Answer();
        ClientCalls.asyncUnaryCall(channelForCaller().newCall(GRPCInferenceServiceGrpc.getModelInferMethod(),
                CallOptions.DEFAULT.withDeadline(Deadline.after(deadlineNanos - System.nanoTime(), TimeUnit.NANOSECONDS))),
                request, answer);
        return answer;
    }

    /** The calling event loop's own channel, made on its first call; {@link #channel} off the event loops. */
    private ManagedChannel channelForCaller() {
        ManagedChannel own = channelsByLoop.get(Thread.currentThread());
        if (own != null || eventLoops == null) {
            return own != null ? own : channel;
        }
        for (EventExecutor loop : eventLoops) {
            Class<? extends Channel> transport = transportOf(loop);
            if (loop.inEventLoop() && transport != null) {
                // Only this loop's thread adds its entry, so there is no race to make two.
                own = channelBuilder().eventLoopGroup((EventLoop) loop).channelType(transport).build();
                channelsByLoop.put(Thread.currentThread(), own);
                return own;
            }
        }
        return channel;
    }

    /** The socket channel a connection on this loop must be (its transport), or null for a loop of another kind. */
    private static Class<? extends Channel> transportOf(EventExecutor loop) {
        if (loop instanceof EpollEventLoop) {
            return EpollSocketChannel.class;
        }
        return loop instanceof NioEventLoop ? NioSocketChannel.class : null;
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
        channelsByLoop.values().forEach(ManagedChannel::shutdownNow);
    }
}
