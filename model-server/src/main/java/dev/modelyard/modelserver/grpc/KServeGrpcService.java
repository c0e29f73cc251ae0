package dev.modelyard.modelserver.grpc;

import com.google.protobuf.ByteString;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.ServerMetadata;
import dev.modelyard.modelserver.repository.ModelIndexEntry;
import dev.modelyard.modelserver.repository.ModelRepository;
import dev.modelyard.modelserver.repository.VersionStatistics;
import dev.modelyard.modelserver.runtime.InferenceRequest;
import dev.modelyard.modelserver.runtime.InferenceResponse;
import dev.modelyard.modelserver.runtime.InferenceStatistics;
import dev.modelyard.modelserver.runtime.LoadedModel;
import dev.modelyard.modelserver.runtime.Tensor;
import dev.modelyard.modelserver.runtime.TensorSpec;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.InferBatchStatistics;
import dev.modelyard.protocols.kserve.InferStatistics;
import dev.modelyard.protocols.kserve.ModelConfigRequest;
import dev.modelyard.protocols.kserve.ModelConfigResponse;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelMetadataRequest;
import dev.modelyard.protocols.kserve.ModelMetadataResponse;
import dev.modelyard.protocols.kserve.ModelMetadataResponse.TensorMetadata;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ModelReadyResponse;
import dev.modelyard.protocols.kserve.ModelStatistics;
import dev.modelyard.protocols.kserve.ModelStatisticsRequest;
import dev.modelyard.protocols.kserve.ModelStatisticsResponse;
import dev.modelyard.protocols.kserve.ModelStreamInferResponse;
import dev.modelyard.protocols.kserve.RepositoryIndexRequest;
import dev.modelyard.protocols.kserve.RepositoryIndexResponse;
import dev.modelyard.protocols.kserve.RepositoryModelLoadRequest;
import dev.modelyard.protocols.kserve.RepositoryModelLoadResponse;
import dev.modelyard.protocols.kserve.RepositoryModelUnloadRequest;
import dev.modelyard.protocols.kserve.RepositoryModelUnloadResponse;
import dev.modelyard.protocols.kserve.ServerLiveRequest;
import dev.modelyard.protocols.kserve.ServerLiveResponse;
import dev.modelyard.protocols.kserve.ServerMetadataRequest;
import dev.modelyard.protocols.kserve.ServerMetadataResponse;
import dev.modelyard.protocols.kserve.ServerReadyRequest;
import dev.modelyard.protocols.kserve.ServerReadyResponse;
import dev.modelyard.protocols.kserve.StatisticDuration;
import dev.modelyard.protocols.streaming.OrderedStreamInfer;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The KServe v2 / Triton gRPC inference service over the {@link ModelRepository}. Blocking: inference and
 * loads run ONNX Runtime on worker threads, never on the event loop.
 */
@GrpcService
@Blocking
public class KServeGrpcService extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    @Inject
    ModelRepository repository;

    @Inject
    ServerMetadata serverMetadata;

    @Override
    public void serverLive(ServerLiveRequest request, StreamObserver<ServerLiveResponse> response) {
        respond(response, () -> ServerLiveResponse.newBuilder().setLive(true).build());
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> response) {
        respond(response, () -> ServerReadyResponse.newBuilder().setReady(true).build());
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> response) {
        respond(response, () -> ModelReadyResponse.newBuilder()
                .setReady(repository.isReady(request.getName(), request.getVersion())).build());
    }

    @Override
    public void serverMetadata(ServerMetadataRequest request, StreamObserver<ServerMetadataResponse> response) {
        respond(response, () -> ServerMetadataResponse.newBuilder().setName(serverMetadata.name())
                .setVersion(serverMetadata.version()).addAllExtensions(serverMetadata.extensions()).build());
    }

    @Override
    public void modelMetadata(ModelMetadataRequest request, StreamObserver<ModelMetadataResponse> response) {
        respond(response, () -> {
            LoadedModel model = repository.model(request.getName(), request.getVersion());
            return ModelMetadataResponse.newBuilder()
                    .setName(model.name())
                    .addAllVersions(model.versions().stream().map(version -> Long.toString(version.version())).toList())
                    .setPlatform(LoadedModel.PLATFORM)
                    .addAllInputs(model.inputs().stream().map(KServeGrpcService::metadata).toList())
                    .addAllOutputs(model.outputs().stream().map(KServeGrpcService::metadata).toList())
                    .build();
        });
    }

    @Override
    public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> response) {
        respond(response, () -> {
            LoadedModel model = repository.model(request.getName(), request.getVersion());
            return ModelConfigResponse.newBuilder().setConfig(model.config()).build();
        });
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> response) {
        respond(response, () -> infer(request));
    }

    /**
     * Each request of the stream is served like a ModelInfer, concurrently (so a stream's requests can share a
     * dynamic batch), and answered in the order they came; a refused request answers with its
     * {@code error_message} and the stream goes on, as in Triton.
     */
    @Override
    public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> responses) {
        return new OrderedStreamInfer<>((ServerCallStreamObserver<ModelStreamInferResponse>) responses, request -> {
            try {
                return ModelStreamInferResponse.newBuilder().setInferResponse(infer(request)).build();
            } catch (ModelServerException e) {
                return ModelStreamInferResponse.newBuilder().setErrorMessage(e.getMessage()).build();
            }
        });
    }

    @Override
    public void modelStatistics(ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> response) {
        respond(response, () -> ModelStatisticsResponse.newBuilder()
                .addAllModelStats(repository.statistics(request.getName(), request.getVersion()).stream()
                        .map(KServeGrpcService::statistics).toList())
                .build());
    }

    @Override
    public void repositoryIndex(RepositoryIndexRequest request, StreamObserver<RepositoryIndexResponse> response) {
        respond(response, () -> {
            RepositoryIndexResponse.Builder index = RepositoryIndexResponse.newBuilder();
            for (ModelIndexEntry entry : repository.index(request.getReady())) {
                index.addModels(RepositoryIndexResponse.ModelIndex.newBuilder().setName(entry.name())
                        .setVersion(entry.version()).setState(entry.state().name()).setReason(entry.reason()));
            }
            return index.build();
        });
    }

    @Override
    public void repositoryModelLoad(RepositoryModelLoadRequest request,
                                    StreamObserver<RepositoryModelLoadResponse> response) {
        respond(response, () -> {
            repository.load(request.getModelName());
            return RepositoryModelLoadResponse.getDefaultInstance();
        });
    }

    @Override
    public void repositoryModelUnload(RepositoryModelUnloadRequest request,
                                      StreamObserver<RepositoryModelUnloadResponse> response) {
        respond(response, () -> {
            repository.unload(request.getModelName());
            return RepositoryModelUnloadResponse.getDefaultInstance();
        });
    }

    private ModelInferResponse infer(ModelInferRequest request) {
        InferenceResponse result = repository.infer(new InferenceRequest(request.getModelName(),
                request.getModelVersion(), request.getId(), inputs(request),
                request.getOutputsList().stream().map(ModelInferRequest.InferRequestedOutputTensor::getName).toList()));
        ModelInferResponse.Builder response = ModelInferResponse.newBuilder()
                .setModelName(result.modelName())
                .setModelVersion(result.modelVersion())
                .setId(result.id());
        GrpcTensors.addOutputs(response, result.outputs());
        return response.build();
    }

    private static List<Tensor> inputs(ModelInferRequest request) {
        List<ByteString> raw = request.getRawInputContentsList();
        if (!raw.isEmpty() && raw.size() != request.getInputsCount()) {
            throw ModelServerException.invalid("raw_input_contents has " + raw.size() + " entries for "
                    + request.getInputsCount() + " inputs; use it for every input or for none");
        }
        List<Tensor> inputs = new ArrayList<>(request.getInputsCount());
        for (int i = 0; i < request.getInputsCount(); i++) {
            inputs.add(GrpcTensors.fromInput(request.getInputs(i), raw.isEmpty() ? null : raw.get(i)));
        }
        return inputs;
    }

    private static TensorMetadata metadata(TensorSpec spec) {
        TensorMetadata.Builder metadata = TensorMetadata.newBuilder().setName(spec.name()).setDatatype(spec.datatype().name());
        for (long dimension : spec.shape()) {
            metadata.addShape(dimension);
        }
        return metadata.build();
    }

    private static ModelStatistics statistics(VersionStatistics version) {
        InferenceStatistics.Snapshot counts = version.statistics();
        ModelStatistics.Builder statistics = ModelStatistics.newBuilder()
                .setName(version.name())
                .setVersion(version.version())
                .setLastInference(counts.lastInferenceMillis())
                .setInferenceCount(counts.inferenceCount())
                .setExecutionCount(counts.executionCount())
                .setInferenceStats(InferStatistics.newBuilder()
                        .setSuccess(duration(counts.success()))
                        .setFail(duration(counts.fail()))
                        .setQueue(duration(counts.queue()))
                        .setComputeInput(duration(counts.computeInput()))
                        .setComputeInfer(duration(counts.computeInfer()))
                        .setComputeOutput(duration(counts.computeOutput())));
        counts.batches().values().forEach(batch -> statistics.addBatchStats(InferBatchStatistics.newBuilder()
                .setBatchSize(batch.batchSize())
                .setComputeInput(duration(batch.computeInput()))
                .setComputeInfer(duration(batch.computeInfer()))
                .setComputeOutput(duration(batch.computeOutput()))));
        return statistics.build();
    }

    private static StatisticDuration duration(InferenceStatistics.Duration duration) {
        return StatisticDuration.newBuilder().setCount(duration.count()).setNs(duration.nanos()).build();
    }

    /** Answers with the result, or with the status code the domain failure maps to. */
    private static <T> void respond(StreamObserver<T> response, Supplier<T> call) {
        T result;
        try {
            result = call.get();
        } catch (ModelServerException e) {
            response.onError(status(e.kind()).withDescription(e.getMessage()).asRuntimeException());
            return;
        }
        response.onNext(result);
        response.onCompleted();
    }

    private static Status status(ModelServerException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> Status.NOT_FOUND;
            case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
            case UNAVAILABLE -> Status.UNAVAILABLE;
        };
    }
}
