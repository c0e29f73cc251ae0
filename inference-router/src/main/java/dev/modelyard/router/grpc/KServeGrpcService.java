package dev.modelyard.router.grpc;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.ModelConfigRequest;
import dev.modelyard.protocols.kserve.ModelConfigResponse;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelMetadataRequest;
import dev.modelyard.protocols.kserve.ModelMetadataResponse;
import dev.modelyard.protocols.kserve.ModelMetadataResponse.TensorMetadata;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ModelReadyResponse;
import dev.modelyard.protocols.kserve.ModelStatisticsRequest;
import dev.modelyard.protocols.kserve.ModelStatisticsResponse;
import dev.modelyard.protocols.kserve.ModelStreamInferResponse;
import dev.modelyard.protocols.kserve.ServerLiveRequest;
import dev.modelyard.protocols.kserve.ServerLiveResponse;
import dev.modelyard.protocols.kserve.ServerMetadataRequest;
import dev.modelyard.protocols.kserve.ServerMetadataResponse;
import dev.modelyard.protocols.kserve.ServerReadyRequest;
import dev.modelyard.protocols.kserve.ServerReadyResponse;
import dev.modelyard.protocols.streaming.OrderedStreamInfer;
import dev.modelyard.router.infer.InferenceService;
import dev.modelyard.router.infer.KServeJson;
import dev.modelyard.router.infer.ModelInspection;
import dev.modelyard.router.infer.ServerDescription;
import dev.modelyard.router.resolve.ForwardedCaller;
import dev.modelyard.router.resolve.ServingResolution;
import dev.modelyard.router.resolve.TensorSpec;
import dev.modelyard.router.routing.StickyKeys;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * KServe v2 over gRPC, on the HTTP port. ModelInfer runs on the event loop and never blocks it; the other
 * methods that call the registry or a model server block, so they run on worker threads (a stream's
 * requests on virtual threads of their own). The model server's repository methods stay UNIMPLEMENTED:
 * what a model server loads is the registry's decision alone.
 */
@GrpcService
@RegisterInterceptor(CallerInterceptor.class)
public class KServeGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger LOG = Logger.getLogger(KServeGrpcService.class);

    private final InferenceService inference;
    private final ModelInspection inspection;
    private final ServerDescription server;

    public KServeGrpcService(InferenceService inference, ModelInspection inspection, ServerDescription server) {
        this.inference = inference;
        this.inspection = inspection;
        this.server = server;
    }

    /**
     * Each request of the stream goes the way of a ModelInfer (resolution, signature check, a model server,
     * and its usage event from the same metering call), concurrently with the stream's others and answered
     * in order; a refused request answers with its {@code error_message} and the stream goes on, as in Triton.
     */
    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> answers) {
        ForwardedCaller caller = CallerInterceptor.CALLER.get();
        String stickyKey = StickyKeys.ofCurrentCall();
        // Each request has a virtual thread of its own, which may wait for the answer.
        return new OrderedStreamInfer<>((ServerCallStreamObserver<ModelStreamInferResponse>) answers, request -> {
            try {
                return ModelStreamInferResponse.newBuilder().setInferResponse(inference.infer(caller,
                        request.getModelName(), request.getModelVersion(), stickyKey, () -> request).join()).build();
            } catch (CompletionException e) {
                if (e.getCause() instanceof PlatformException refused) {
                    return ModelStreamInferResponse.newBuilder().setErrorMessage(status(refused).getDescription())
                            .build();
                }
                throw e;
            }
        });
    }

    @Override
    @Blocking
    public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> answer) {
        respond(answer, () -> ModelConfigResponse.newBuilder().setConfig(inspection.config(
                CallerInterceptor.CALLER.get(), request.getName(), request.getVersion())).build());
    }

    /** Statistics of one model the caller names; the whole server's (an empty name) are the platform's. */
    @Override
    @Blocking
    public void modelStatistics(ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> answer) {
        respond(answer, () -> {
            if (request.getName().isEmpty()) {
                throw PlatformException.badRequest("Name the model whose statistics you want",
                        FieldError.field("name", "A model name is required"));
            }
            return ModelStatisticsResponse.newBuilder().addModelStats(inspection.statistics(
                    CallerInterceptor.CALLER.get(), request.getName(), request.getVersion())).build();
        });
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> answer) {
        respond(answer, () -> {
            KServeJson.ServerMetadata metadata = server.metadata();
            return ServerMetadataResponse.newBuilder().setName(metadata.name()).setVersion(metadata.version())
                    .addAllExtensions(metadata.extensions()).build();
        });
    }

    /** On the event loop: nothing on the way waits (a resolution not in memory is looked up on a virtual thread). */
    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> answer) {
        CompletableFuture<ModelInferResponse> answered;
        try {
            answered = inference.infer(CallerInterceptor.CALLER.get(), request.getModelName(), request.getModelVersion(),
                    () -> request);
        } catch (RuntimeException e) {
            answered = CompletableFuture.failedFuture(e);
        }
        answered.whenComplete((response, failure) -> answer(answer, response,
                failure instanceof CompletionException wrapped ? wrapped.getCause() : failure));
    }

    @Override
    @Blocking
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> answer) {
        respond(answer, () -> {
            ServingResolution serving = inference.metadata(CallerInterceptor.CALLER.get(), request.getName(),
                    request.getVersion());
            return ModelMetadataResponse.newBuilder().setName(request.getName()).addVersions(serving.version())
                    .addAllInputs(serving.inputs().stream().map(KServeGrpcService::tensor).toList())
                    .addAllOutputs(serving.outputs().stream().map(KServeGrpcService::tensor).toList())
                    .build();
        });
    }

    @Override
    @Blocking
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> answer) {
        respond(answer, () -> ModelReadyResponse.newBuilder()
                .setReady(inference.ready(CallerInterceptor.CALLER.get(), request.getName(), request.getVersion()))
                .build());
    }

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> answer) {
        respond(answer, () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> answer) {
        respond(answer, () -> ServerReadyResponse.newBuilder().setReady(true).build());
    }

    private static TensorMetadata tensor(TensorSpec spec) {
        return TensorMetadata.newBuilder().setName(spec.name()).setDatatype(spec.datatype())
                .addAllShape(spec.shape()).build();
    }

    private static <T> void respond(StreamObserver<T> answer, Supplier<T> work) {
        T result;
        try {
            result = work.get();
        } catch (RuntimeException e) {
            answer(answer, null, e);
            return;
        }
        answer(answer, result, null);
    }

    private static <T> void answer(StreamObserver<T> answer, T result, Throwable failure) {
        if (failure == null) {
            answer.onNext(result);
            answer.onCompleted();
        } else if (failure instanceof PlatformException e) {
            answer.onError(status(e).asRuntimeException());
        } else {
            LOG.error("Unexpected failure of a gRPC call", failure);
            answer.onError(Status.INTERNAL.withDescription("The request failed unexpectedly; it has been logged")
                    .asRuntimeException());
        }
    }

    /** The gRPC status for a platform failure, its message carrying the fields at fault. */
    static Status status(PlatformException e) {
        Status status = switch (e.status()) {
            case 400 -> Status.INVALID_ARGUMENT;
            case 401 -> Status.UNAUTHENTICATED;
            case 403 -> Status.PERMISSION_DENIED;
            case 404 -> Status.NOT_FOUND;
            case 409 -> Status.FAILED_PRECONDITION;
            case 413, 429 -> Status.RESOURCE_EXHAUSTED;
            case 503 -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        String fields = e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return status.withDescription(fields.isEmpty() ? e.getMessage() : e.getMessage() + " (" + fields + ")");
    }
}
