package dev.modelyard.router.backend;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ServerReadyRequest;
import dev.modelyard.protocols.kserve.ServerReadyResponse;
import io.grpc.Attributes;
import io.grpc.Context;
import io.grpc.Server;
import io.grpc.ServerTransportFilter;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real gRPC model server on a free port whose ModelInfer answers as told: with an answer naming this
 * server, or with a status. It records how many calls it got, the deadline each one arrived with, and how many
 * connections were opened to it.
 */
final class ScriptedModelServer implements AutoCloseable {

    private final Server server;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final List<Long> deadlineMillis = new CopyOnWriteArrayList<>();
    private volatile Status failWith;
    private volatile boolean ready = true;

    ScriptedModelServer() {
        try {
            server = NettyServerBuilder.forPort(0).addService(new Service()).addTransportFilter(new ServerTransportFilter() {
                @Override
                public Attributes transportReady(Attributes transport) {
                    connections.incrementAndGet();
                    return transport;
                }
            }).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String target() {
        return "127.0.0.1:" + server.getPort();
    }

    /** ModelInfer answers with this status from now on; null answers normally. */
    ScriptedModelServer failWith(Status status) {
        this.failWith = status;
        return this;
    }

    ScriptedModelServer ready(boolean ready) {
        this.ready = ready;
        return this;
    }

    int calls() {
        return calls.get();
    }

    int connections() {
        return connections.get();
    }

    /** The time left on each call's deadline as it arrived, or -1 for a call without one. */
    List<Long> deadlineMillis() {
        return deadlineMillis;
    }

    @Override
    public void close() {
        server.shutdownNow();
    }

    private final class Service extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {
        @Override
        public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> answer) {
            calls.incrementAndGet();
            var deadline = Context.current().getDeadline();
            deadlineMillis.add(deadline == null ? -1 : deadline.timeRemaining(TimeUnit.MILLISECONDS));
            Status status = failWith;
            if (status != null) {
                answer.onError(status.asRuntimeException());
                return;
            }
            answer.onNext(ModelInferResponse.newBuilder().setModelName(request.getModelName())
                    .setModelVersion(request.getModelVersion()).setId(target()).build());
            answer.onCompleted();
        }

        @Override
        public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> answer) {
            answer.onNext(ServerReadyResponse.newBuilder().setReady(ready).build());
            answer.onCompleted();
        }
    }
}
