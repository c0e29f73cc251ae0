package dev.modelyard.router;

import com.google.protobuf.ByteString;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.InferStatistics;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.protocols.kserve.ModelConfigRequest;
import dev.modelyard.protocols.kserve.ModelConfigResponse;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ModelReadyResponse;
import dev.modelyard.protocols.kserve.ModelStatistics;
import dev.modelyard.protocols.kserve.ModelStatisticsRequest;
import dev.modelyard.protocols.kserve.ModelStatisticsResponse;
import dev.modelyard.protocols.kserve.ModelVersionPolicy;
import dev.modelyard.protocols.kserve.ServerReadyRequest;
import dev.modelyard.protocols.kserve.ServerReadyResponse;
import dev.modelyard.protocols.kserve.StatisticDuration;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A model server whose models sum each row of {@code features} ({@code sum}, FP32; typed or raw) and label it
 * {@code high} above 10, {@code low} otherwise ({@code label}, BYTES). {@code rm-outage} answers
 * UNAVAILABLE and {@code rm-unloaded} NOT_FOUND, as a server does while restarting or loading.
 */
final class FakeModelServer extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Set<String> LOADED = Set.of("rm-churn/2", "rm-churn/3", "rm-fraud/1");

    private Server server;
    /** {@code serving name/version} → {calls answered, rows answered}. */
    private final Map<String, long[]> servedRows = new ConcurrentHashMap<>();

    int start() throws IOException {
        server = NettyServerBuilder.forPort(0).addService(this).build().start();
        return server.getPort();
    }

    void stop() {
        server.shutdownNow();
    }

    @Override
    public void modelInfer(ModelInferRequest request, StreamObserver<ModelInferResponse> answer) {
        String served = request.getModelName() + "/" + request.getModelVersion();
        if (request.getModelName().equals("rm-outage")) {
            answer.onError(Status.UNAVAILABLE.withDescription("restarting").asRuntimeException());
            return;
        }
        if (!LOADED.contains(served)) {
            answer.onError(Status.NOT_FOUND.withDescription(served + " is not loaded").asRuntimeException());
            return;
        }
        ModelInferRequest.InferInputTensor features = request.getInputs(0);
        int rows = (int) features.getShape(0);
        int columns = (int) features.getShape(1);
        List<Float> values = features.getContents().getFp32ContentsList();
        if (request.getRawInputContentsCount() > 0) {
            FloatBuffer raw = request.getRawInputContents(0).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            values = new ArrayList<>();
            while (raw.hasRemaining()) {
                values.add(raw.get());
            }
        }
        InferTensorContents.Builder sums = InferTensorContents.newBuilder();
        InferTensorContents.Builder labels = InferTensorContents.newBuilder();
        for (int row = 0; row < rows; row++) {
            float sum = 0;
            for (int column = 0; column < columns; column++) {
                sum += values.get(row * columns + column);
            }
            sums.addFp32Contents(sum);
            labels.addBytesContents(ByteString.copyFromUtf8(sum > 10 ? "high" : "low"));
        }
        servedRows.compute(served, (model, counts) -> counts == null ? new long[] {1, rows}
                : new long[] {counts[0] + 1, counts[1] + rows});
        answer.onNext(ModelInferResponse.newBuilder()
                .setModelName(request.getModelName()).setModelVersion(request.getModelVersion())
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName("sum").setDatatype("FP32").addShape(rows).setContents(sums))
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName("label").setDatatype("BYTES").addShape(rows).setContents(labels))
                .build());
        answer.onCompleted();
    }

    /** Every model configured as the registry writes it, batching up to 8 rows. */
    @Override
    public void modelConfig(ModelConfigRequest request, StreamObserver<ModelConfigResponse> answer) {
        answer.onNext(ModelConfigResponse.newBuilder().setConfig(ModelConfig.newBuilder().setName(request.getName())
                .setBackend("onnxruntime").setMaxBatchSize(8)
                .setVersionPolicy(ModelVersionPolicy.newBuilder().setSpecific(ModelVersionPolicy.Specific.newBuilder()
                        .addVersions(Long.parseLong(request.getVersion()))))).build());
        answer.onCompleted();
    }

    /** What this server served of the model version: each answered call one success, its rows the inferences. */
    @Override
    public void modelStatistics(ModelStatisticsRequest request, StreamObserver<ModelStatisticsResponse> answer) {
        long[] served = servedRows.getOrDefault(request.getName() + "/" + request.getVersion(), new long[2]);
        answer.onNext(ModelStatisticsResponse.newBuilder().addModelStats(ModelStatistics.newBuilder()
                .setName(request.getName()).setVersion(request.getVersion())
                .setInferenceCount(served[1]).setExecutionCount(served[0])
                .setInferenceStats(InferStatistics.newBuilder()
                        .setSuccess(StatisticDuration.newBuilder().setCount(served[0]).setNs(served[0] * 1000))
                        .setQueue(StatisticDuration.newBuilder().setCount(served[0]))))
                .build());
        answer.onCompleted();
    }

    @Override
    public void serverReady(ServerReadyRequest request, StreamObserver<ServerReadyResponse> answer) {
        answer.onNext(ServerReadyResponse.newBuilder().setReady(true).build());
        answer.onCompleted();
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> answer) {
        boolean ready = LOADED.contains(request.getName() + "/" + request.getVersion());
        answer.onNext(ModelReadyResponse.newBuilder().setReady(ready).build());
        answer.onCompleted();
    }
}
