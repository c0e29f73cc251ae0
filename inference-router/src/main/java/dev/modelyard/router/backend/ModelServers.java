package dev.modelyard.router.backend;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.router.RouterConfig;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The model servers, over KServe v2 gRPC: one long-lived plaintext channel per target, taken in turn
 * (the registry loads every deployed model on every server, so any of them can answer).
 */
@ApplicationScoped
public class ModelServers {

    private static final String NOT_LOADED = "model-not-loaded";

    private final List<ManagedChannel> channels;
    private final Duration deadline;
    private final AtomicInteger next = new AtomicInteger();

    @Inject
    public ModelServers(RouterConfig config) {
        this(config.modelServers(), config.deadline());
    }

    ModelServers(List<String> targets, Duration deadline) {
        this.channels = targets.stream()
                .<ManagedChannel>map(target -> NettyChannelBuilder.forTarget(target).usePlaintext().build())
                .toList();
        this.deadline = deadline;
    }

    /** The request must already name the serving name and version. */
    public ModelInferResponse infer(ModelInferRequest request) {
        return call(stub -> stub.modelInfer(request));
    }

    /** Whether a model server has this version loaded; a server that does not know it says not ready. */
    public boolean ready(String servingName, String servingVersion) {
        ModelReadyRequest request = ModelReadyRequest.newBuilder().setName(servingName).setVersion(servingVersion).build();
        try {
            return call(stub -> stub.modelReady(request).getReady());
        } catch (PlatformException e) {
            if (e.typeSlug().equals(NOT_LOADED)) {
                return false;
            }
            throw e;
        }
    }

    private <T> T call(Function<GRPCInferenceServiceBlockingStub, T> rpc) {
        ManagedChannel channel = channels.get(Math.floorMod(next.getAndIncrement(), channels.size()));
        try {
            return rpc.apply(GRPCInferenceServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS));
        } catch (StatusRuntimeException e) {
            throw failure(e.getStatus());
        }
    }

    /** Model server failures in the platform's terms; the ones worth retrying say when. */
    static PlatformException failure(Status status) {
        String reason = status.getDescription() == null ? status.getCode().name() : status.getDescription();
        return switch (status.getCode()) {
            case UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED -> retryLater("model-server-unavailable",
                    "Model server unavailable", "No model server answered in time (" + reason + "); try again shortly");
            case NOT_FOUND -> retryLater(NOT_LOADED, "Model not loaded",
                    "The model is deployed but not loaded on the model server yet; try again shortly");
            case INVALID_ARGUMENT -> new PlatformException(400, "invalid-input", "Invalid input",
                    "The model server refused the inputs: " + reason);
            default -> new PlatformException(502, "model-server-error", "Model server error",
                    "The model server failed: " + reason);
        };
    }

    private static PlatformException retryLater(String slug, String title, String detail) {
        return new PlatformException(503, slug, title, detail, List.of(), Map.of("Retry-After", "1"));
    }

    @PreDestroy
    void close() {
        channels.forEach(ManagedChannel::shutdownNow);
    }
}
