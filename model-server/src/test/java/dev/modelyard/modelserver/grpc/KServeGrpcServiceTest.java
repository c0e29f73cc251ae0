package dev.modelyard.modelserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import dev.modelyard.modelserver.ModelRepositoryResource;
import dev.modelyard.modelserver.TestModels;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelConfigRequest;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferRequest.InferInputTensor;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelMetadataRequest;
import dev.modelyard.protocols.kserve.ModelMetadataResponse;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ModelStatistics;
import dev.modelyard.protocols.kserve.ModelStatisticsRequest;
import dev.modelyard.protocols.kserve.ModelStreamInferResponse;
import dev.modelyard.protocols.kserve.RepositoryIndexRequest;
import dev.modelyard.protocols.kserve.RepositoryIndexResponse.ModelIndex;
import dev.modelyard.protocols.kserve.RepositoryModelLoadRequest;
import dev.modelyard.protocols.kserve.RepositoryModelUnloadRequest;
import dev.modelyard.protocols.kserve.ServerLiveRequest;
import dev.modelyard.protocols.kserve.ServerMetadataRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class KServeGrpcServiceTest {

    /** softmax([4, 5]): the classifier's version 1 on features [1, 2, 3]. */
    private static final float LOW = (float) (1 / (1 + Math.exp(1)));
    private static final float HIGH = 1 - LOW;

    @TestHTTPResource("/")
    URL server;

    private ManagedChannel channel;
    private GRPCInferenceServiceBlockingStub kserve;

    @BeforeEach
    void connect() {
        channel = ManagedChannelBuilder.forAddress(server.getHost(), server.getPort()).usePlaintext().build();
        kserve = GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void describesTheServer() {
        assertThat(kserve.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
        var metadata = kserve.serverMetadata(ServerMetadataRequest.getDefaultInstance());
        assertThat(metadata.getName()).isEqualTo("modelyard-model-server");
        assertThat(metadata.getExtensionsList()).contains("model_repository", "statistics");
    }

    @Test
    void loadsAModelAndDescribesItsSignature() {
        load("classifier");

        ModelMetadataResponse metadata = kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName("classifier").build());
        assertThat(metadata.getVersionsList()).containsExactly("1");
        assertThat(metadata.getPlatform()).isEqualTo("onnxruntime_onnx");
        assertThat(metadata.getInputs(0).getName()).isEqualTo("features");
        assertThat(metadata.getInputs(0).getDatatype()).isEqualTo("FP32");
        assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 3L);
        assertThat(metadata.getOutputsList()).extracting(ModelMetadataResponse.TensorMetadata::getDatatype)
                .containsExactly("FP32", "BYTES");
        assertThat(metadata.getOutputs(1).getShapeList()).containsExactly(-1L);
        assertThat(kserve.modelConfig(ModelConfigRequest.newBuilder().setName("classifier").build())
                .getConfig().getMaxBatchSize()).isEqualTo(8);
        assertThat(kserve.modelReady(ModelReadyRequest.newBuilder().setName("classifier").setVersion("1").build())
                .getReady()).isTrue();
    }

    @Test
    void infersWithTypedContents() {
        load("classifier");

        ModelInferResponse response = kserve.modelInfer(ModelInferRequest.newBuilder()
                .setModelName("classifier").setId("request-1")
                .addInputs(features(2, InferTensorContents.newBuilder().addAllFp32Contents(List.of(1f, 2f, 3f, 0f, 0f, 0f))))
                .build());

        assertThat(response.getModelName()).isEqualTo("classifier");
        assertThat(response.getModelVersion()).isEqualTo("1");
        assertThat(response.getId()).isEqualTo("request-1");
        var probabilities = response.getOutputs(0);
        assertThat(probabilities.getName()).isEqualTo("probabilities");
        assertThat(probabilities.getShapeList()).containsExactly(2L, 2L);
        assertThat(probabilities.getContents().getFp32ContentsList())
                .usingElementComparator((a, b) -> Math.abs(a - b) < 1e-6 ? 0 : 1)
                .containsExactly(LOW, HIGH, 0.5f, 0.5f);
        var label = response.getOutputs(1);
        assertThat(label.getDatatype()).isEqualTo("BYTES");
        assertThat(label.getContents().getBytesContentsList()).extracting(ByteString::toStringUtf8)
                .containsExactly("yes", "no");
    }

    @Test
    void infersFromRawContentsAndReturnsOnlyTheRequestedOutputs() {
        load("classifier");
        ByteBuffer raw = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(1).putFloat(2).putFloat(3);

        ModelInferResponse response = kserve.modelInfer(ModelInferRequest.newBuilder()
                .setModelName("classifier").setModelVersion("1")
                .addInputs(features(1, InferTensorContents.newBuilder()))
                .addRawInputContents(ByteString.copyFrom(raw.array()))
                .addOutputs(ModelInferRequest.InferRequestedOutputTensor.newBuilder().setName("label"))
                .build());

        assertThat(response.getOutputsList()).hasSize(1);
        assertThat(response.getOutputs(0).getContents().getBytesContents(0).toStringUtf8()).isEqualTo("yes");
    }

    @Test
    void echoesEveryDatatypeOfAModelConfiguredFromItsGraph() {
        load("echo");
        ModelInferResponse response = kserve.modelInfer(ModelInferRequest.newBuilder().setModelName("echo")
                .addInputs(input("double_in", "FP64", 2, InferTensorContents.newBuilder().addFp64Contents(1.5).addFp64Contents(-2)))
                .addInputs(input("int32_in", "INT32", 2, InferTensorContents.newBuilder().addIntContents(7).addIntContents(-7)))
                .addInputs(input("int64_in", "INT64", 1, InferTensorContents.newBuilder().addInt64Contents(1L << 40)))
                .addInputs(input("bool_in", "BOOL", 3, InferTensorContents.newBuilder()
                        .addBoolContents(true).addBoolContents(false).addBoolContents(true)))
                .addInputs(input("string_in", "BYTES", 2, InferTensorContents.newBuilder()
                        .addBytesContents(ByteString.copyFromUtf8("hé")).addBytesContents(ByteString.copyFromUtf8("ok"))))
                .build());

        assertThat(output(response, "double_out").getFp64ContentsList()).containsExactly(1.5, -2.0);
        assertThat(output(response, "int32_out").getIntContentsList()).containsExactly(7, -7);
        assertThat(output(response, "int64_out").getInt64ContentsList()).containsExactly(1L << 40);
        assertThat(output(response, "bool_out").getBoolContentsList()).containsExactly(true, false, true);
        assertThat(output(response, "string_out").getBytesContentsList()).extracting(ByteString::toStringUtf8)
                .containsExactly("hé", "ok");
    }

    @Test
    void refusesAWrongShapeNamingTheExpectedSignature() {
        load("classifier");

        assertThatThrownBy(() -> kserve.modelInfer(ModelInferRequest.newBuilder().setModelName("classifier")
                .addInputs(InferInputTensor.newBuilder().setName("features").setDatatype("FP32").addShape(1).addShape(4)
                        .setContents(InferTensorContents.newBuilder().addAllFp32Contents(List.of(1f, 2f, 3f, 4f))))
                .build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("features FP32 [-1,3]").contains("[1,4]");
                });
        assertThatThrownBy(() -> kserve.modelInfer(ModelInferRequest.newBuilder().setModelName("classifier")
                .addInputs(features(1, InferTensorContents.newBuilder().addFp32Contents(1))).build()))
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("3 values");
    }

    @Test
    void answersNotFoundForUnknownModelsAndVersions() {
        load("classifier");

        assertThatThrownBy(() -> kserve.modelInfer(ModelInferRequest.newBuilder().setModelName("nobody")
                .addInputs(features(1, InferTensorContents.newBuilder().addAllFp32Contents(List.of(1f, 2f, 3f)))).build()))
                .hasMessageContaining("NOT_FOUND");
        assertThatThrownBy(() -> kserve.modelMetadata(ModelMetadataRequest.newBuilder().setName("classifier").setVersion("9").build()))
                .hasMessageContaining("NOT_FOUND");
        assertThatThrownBy(() -> load("nobody")).hasMessageContaining("NOT_FOUND");
    }

    @Test
    void reloadingAfterAVersionPolicyChangeServesTheNewVersionAndUnloadsTheOld() throws IOException {
        load("versioned");
        assertThat(classify("versioned", "")).isEqualTo("yes");

        Files.writeString(ModelRepositoryResource.repository.resolve("versioned/config.pbtxt"),
                TestModels.CLASSIFIER_CONFIG + "version_policy: { specific: { versions: [2] } }\n");
        load("versioned");

        assertThat(classify("versioned", "")).isEqualTo("no");
        assertThat(classify("versioned", "2")).isEqualTo("no");
        assertThat(kserve.modelReady(ModelReadyRequest.newBuilder().setName("versioned").setVersion("1").build()).getReady())
                .isFalse();
        assertThatThrownBy(() -> classify("versioned", "1")).hasMessageContaining("NOT_FOUND");
        assertThat(index()).filteredOn(entry -> entry.getName().equals("versioned"))
                .extracting(ModelIndex::getVersion, ModelIndex::getState).containsExactly(tuple("2", "READY"));
    }

    @Test
    void unloadsAModel() {
        load("disposable");
        assertThat(classify("disposable", "")).isEqualTo("yes");

        kserve.repositoryModelUnload(RepositoryModelUnloadRequest.newBuilder().setModelName("disposable").build());

        assertThat(kserve.modelReady(ModelReadyRequest.newBuilder().setName("disposable").build()).getReady()).isFalse();
        assertThatThrownBy(() -> classify("disposable", "")).hasMessageContaining("NOT_FOUND");
        assertThat(index()).filteredOn(entry -> entry.getName().equals("disposable"))
                .extracting(ModelIndex::getState, ModelIndex::getReason)
                .containsExactly(tuple("UNLOADED", "unloaded"));
    }

    @Test
    void reportsAFailedLoadInTheIndex() {
        assertThatThrownBy(() -> load("broken"))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT))
                .hasMessageContaining("ONNX Runtime cannot load");

        ModelIndex broken = index().stream().filter(entry -> entry.getName().equals("broken")).findFirst().orElseThrow();
        assertThat(broken.getState()).isEqualTo("UNAVAILABLE");
        assertThat(broken.getReason()).contains("ONNX Runtime cannot load");
    }

    @Test
    void countsSuccessesAndFailuresInTheStatistics() {
        load("classifier");
        ModelStatistics before = statistics("classifier");

        kserve.modelInfer(ModelInferRequest.newBuilder().setModelName("classifier")
                .addInputs(features(2, InferTensorContents.newBuilder().addAllFp32Contents(List.of(1f, 2f, 3f, 4f, 5f, 6f))))
                .build());
        assertThatThrownBy(() -> kserve.modelInfer(ModelInferRequest.newBuilder().setModelName("classifier")
                .addInputs(features(1, InferTensorContents.newBuilder())).build()));

        ModelStatistics after = statistics("classifier");
        assertThat(after.getVersion()).isEqualTo("1");
        assertThat(after.getInferenceStats().getSuccess().getCount() - before.getInferenceStats().getSuccess().getCount())
                .isEqualTo(1);
        assertThat(after.getInferenceStats().getFail().getCount() - before.getInferenceStats().getFail().getCount())
                .isEqualTo(1);
        assertThat(after.getInferenceCount() - before.getInferenceCount()).isEqualTo(2);
        assertThat(after.getExecutionCount() - before.getExecutionCount()).isEqualTo(1);
        assertThat(after.getInferenceStats().getSuccess().getNs()).isGreaterThan(before.getInferenceStats().getSuccess().getNs());
        assertThat(after.getLastInference()).isCloseTo(System.currentTimeMillis(), within(60_000L));
    }

    /** Stream answers come in request order; a refused request answers with its error and the stream goes on. */
    @Test
    void streamsInferencesInOrderWithErrorsInline() throws InterruptedException {
        load("batched");
        List<ModelStreamInferResponse> answers = new CopyOnWriteArrayList<>();
        CountDownLatch completed = new CountDownLatch(1);
        StreamObserver<ModelInferRequest> requests = GRPCInferenceServiceGrpc.newStub(channel)
                .modelStreamInfer(new StreamObserver<>() {
                    @Override
                    public void onNext(ModelStreamInferResponse answer) {
                        answers.add(answer);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        completed.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        completed.countDown();
                    }
                });
        for (int i = 0; i < 20; i++) {
            InferTensorContents.Builder contents = i == 7 ? InferTensorContents.newBuilder().addFp32Contents(1)
                    : InferTensorContents.newBuilder().addAllFp32Contents(List.of((float) i, 0f, 0f));
            requests.onNext(ModelInferRequest.newBuilder().setModelName("batched").setId("r" + i)
                    .addInputs(features(1, contents)).build());
        }
        requests.onCompleted();

        assertThat(completed.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(answers).hasSize(20);
        for (int i = 0; i < 20; i++) {
            ModelStreamInferResponse answer = answers.get(i);
            if (i == 7) {
                assertThat(answer.getErrorMessage()).contains("3 values");
            } else {
                assertThat(answer.getErrorMessage()).isEmpty();
                assertThat(answer.getInferResponse().getId()).isEqualTo("r" + i);
                // features [i, 0, 0]: logits [i, 0], so P(yes) = 1 / (1 + e^i).
                assertThat(answer.getInferResponse().getOutputs(0).getContents().getFp32Contents(1))
                        .isCloseTo((float) (1 / (1 + Math.exp(i))), within(1e-6f));
            }
        }
        ModelStatistics statistics = statistics("batched");
        assertThat(statistics.getInferenceStats().getQueue().getCount()).isEqualTo(statistics.getInferenceStats()
                .getSuccess().getCount());
        assertThat(statistics.getBatchStatsList()).isNotEmpty();
    }

    /** UINT8 and FP16 in through raw contents; UINT16/32/64 and FP16 out as raw contents for every output. */
    @Test
    void servesFp16AndUnsignedIntegersThroughRawContents() {
        load("unsigned");
        ByteBuffer small = ByteBuffer.allocate(2).put((byte) 200).put((byte) 7);
        ByteBuffer half = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(Float.floatToFloat16(1.5f)).putShort(Float.floatToFloat16(-0.25f));

        ModelInferResponse response = kserve.modelInfer(ModelInferRequest.newBuilder().setModelName("unsigned")
                .addInputs(InferInputTensor.newBuilder().setName("small").setDatatype("UINT8").addShape(2))
                .addInputs(InferInputTensor.newBuilder().setName("half").setDatatype("FP16").addShape(2))
                .addRawInputContents(ByteString.copyFrom(small.array()))
                .addRawInputContents(ByteString.copyFrom(half.array()))
                .build());

        assertThat(response.getRawOutputContentsCount()).isEqualTo(response.getOutputsCount());
        assertThat(raw(response, "small_out").get(0)).isEqualTo((byte) 200);
        assertThat(Float.float16ToFloat(raw(response, "half_out").getShort(2))).isEqualTo(-0.25f);
        assertThat(raw(response, "wide16").getShort(0)).isEqualTo((short) 200);
        assertThat(raw(response, "wide32").getInt(4)).isEqualTo(7);
        assertThat(raw(response, "wide64").getLong(0)).isEqualTo(200L);
        assertThat(response.getOutputsList()).filteredOn(output -> output.getName().equals("wide32"))
                .extracting(ModelInferResponse.InferOutputTensor::getDatatype).containsExactly("UINT32");
        assertThatThrownBy(() -> kserve.modelInfer(ModelInferRequest.newBuilder().setModelName("unsigned")
                .addInputs(InferInputTensor.newBuilder().setName("small").setDatatype("UINT8").addShape(1)
                        .setContents(InferTensorContents.newBuilder().addUintContents(256)))
                .addInputs(InferInputTensor.newBuilder().setName("half").setDatatype("FP16").addShape(1))
                .build()))
                .hasMessageContaining("INVALID_ARGUMENT").hasMessageContaining("raw_input_contents");
    }

    private static ByteBuffer raw(ModelInferResponse response, String output) {
        for (int i = 0; i < response.getOutputsCount(); i++) {
            if (response.getOutputs(i).getName().equals(output)) {
                return response.getRawOutputContents(i).asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        throw new AssertionError("no output " + output);
    }

    private void load(String model) {
        kserve.repositoryModelLoad(RepositoryModelLoadRequest.newBuilder().setModelName(model).build());
    }

    private List<ModelIndex> index() {
        return kserve.repositoryIndex(RepositoryIndexRequest.getDefaultInstance()).getModelsList();
    }

    private ModelStatistics statistics(String model) {
        return kserve.modelStatistics(ModelStatisticsRequest.newBuilder().setName(model).build()).getModelStats(0);
    }

    /** The label the classifier gives features [1, 2, 3]: "yes" with version 1's weights, "no" with version 2's. */
    private String classify(String model, String version) {
        return kserve.modelInfer(ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version)
                        .addInputs(features(1, InferTensorContents.newBuilder().addAllFp32Contents(List.of(1f, 2f, 3f))))
                        .build())
                .getOutputs(1).getContents().getBytesContents(0).toStringUtf8();
    }

    private static InferInputTensor.Builder features(int rows, InferTensorContents.Builder contents) {
        return InferInputTensor.newBuilder().setName("features").setDatatype("FP32").addShape(rows).addShape(3)
                .setContents(contents);
    }

    private static InferInputTensor.Builder input(String name, String datatype, int length, InferTensorContents.Builder contents) {
        return InferInputTensor.newBuilder().setName(name).setDatatype(datatype).addShape(length).setContents(contents);
    }

    private static InferTensorContents output(ModelInferResponse response, String name) {
        return response.getOutputsList().stream().filter(output -> output.getName().equals(name)).findFirst()
                .orElseThrow().getContents();
    }
}
