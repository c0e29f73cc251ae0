package dev.modelyard.router.grpc;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelMetadataRequest;
import dev.modelyard.protocols.kserve.ModelMetadataResponse;
import dev.modelyard.protocols.kserve.ModelMetadataResponse.TensorMetadata;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ModelReadyResponse;
import dev.modelyard.protocols.kserve.ServerLiveRequest;
import dev.modelyard.protocols.kserve.ServerLiveResponse;
import dev.modelyard.protocols.kserve.ServerReadyRequest;
import dev.modelyard.protocols.kserve.ServerReadyResponse;
import dev.modelyard.router.infer.InferenceService;
import dev.modelyard.router.resolve.ServingResolution;
import dev.modelyard.router.resolve.TensorSpec;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.quarkus.grpc.RegisterInterceptor;
import io.smallrye.common.annotation.Blocking;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * KServe v2 over gRPC, on the HTTP port. Methods that call the registry or a model server block, so
 * they run on worker threads. The model server's repository and statistics methods stay UNIMPLEMENTED.
 */
@GrpcService
@RegisterInterceptor(CallerInterceptor.class)
public class KServeGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Logger LOG = Logger.getLogger(KServeGrpcService.class);

    private final InferenceService inference;

    public KServeGrpcService(InferenceService inference) {
        this.inference = inference;
    }

    @Override
    @Blocking
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> answer) {
        respond(answer, () -> inference.infer(CallerInterceptor.CALLER.get(), request.getModelName(),
                request.getModelVersion(), () -> request));
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
        } catch (PlatformException e) {
            answer.onError(status(e).asRuntimeException());
            return;
        } catch (RuntimeException e) {
            LOG.error("Unexpected failure of a gRPC call", e);
            answer.onError(Status.INTERNAL.withDescription("The request failed unexpectedly; it has been logged")
                    .asRuntimeException());
            return;
        }
        answer.onNext(result);
        answer.onCompleted();
    }

    /** The gRPC status for a platform failure, its message carrying the fields at fault. */
    static Status status(PlatformException e) {
        Status status = switch (e.status()) {
            case 400 -> Status.INVALID_ARGUMENT;
            case 401 -> Status.UNAUTHENTICATED;
            case 403 -> Status.PERMISSION_DENIED;
            case 404 -> Status.NOT_FOUND;
            case 409 -> Status.FAILED_PRECONDITION;
            case 429 -> Status.RESOURCE_EXHAUSTED;
            case 503 -> Status.UNAVAILABLE;
            default -> Status.INTERNAL;
        };
        String fields = e.errors().stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return status.withDescription(fields.isEmpty() ? e.getMessage() : e.getMessage() + " (" + fields + ")");
    }
}
