package dev.modelyard.router;

import com.google.protobuf.ByteString;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ModelReadyResponse;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * A model server whose models sum each row of {@code features} ({@code sum}, FP32) and label it
 * {@code high} above 10, {@code low} otherwise ({@code label}, BYTES). {@code rm-outage} answers
 * UNAVAILABLE and {@code rm-unloaded} NOT_FOUND, as a server does while restarting or loading.
 */
final class FakeModelServer extends GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase {

    private static final Set<String> LOADED = Set.of("rm-churn/2", "rm-churn/3", "rm-fraud/1");

    private Server server;

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
        answer.onNext(ModelInferResponse.newBuilder()
                .setModelName(request.getModelName()).setModelVersion(request.getModelVersion())
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName("sum").setDatatype("FP32").addShape(rows).setContents(sums))
                .addOutputs(ModelInferResponse.InferOutputTensor.newBuilder()
                        .setName("label").setDatatype("BYTES").addShape(rows).setContents(labels))
                .build());
        answer.onCompleted();
    }

    @Override
    public void modelReady(ModelReadyRequest request, StreamObserver<ModelReadyResponse> answer) {
        boolean ready = LOADED.contains(request.getName() + "/" + request.getVersion());
        answer.onNext(ModelReadyResponse.newBuilder().setReady(ready).build());
        answer.onCompleted();
    }
}
