package dev.modelyard.router.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.protocols.kserve.ModelConfigRequest;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelMetadataRequest;
import dev.modelyard.protocols.kserve.ModelMetadataResponse;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ModelStatistics;
import dev.modelyard.protocols.kserve.ModelStatisticsRequest;
import dev.modelyard.protocols.kserve.ModelStreamInferResponse;
import dev.modelyard.protocols.kserve.RepositoryIndexRequest;
import dev.modelyard.protocols.kserve.ServerLiveRequest;
import dev.modelyard.protocols.kserve.ServerMetadataRequest;
import dev.modelyard.protocols.kserve.ServerMetadataResponse;
import dev.modelyard.router.FakeBackends;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_router"))
@QuarkusTestResource(value = FakeBackends.class, restrictToAnnotatedClass = false)
class KServeGrpcServiceTest {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @TestHTTPResource("/")
    URL router;

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    private ManagedChannel channel;

    @BeforeEach
    void connect() {
        channel = NettyChannelBuilder.forAddress(router.getHost(), router.getPort()).usePlaintext().build();
    }

    @AfterEach
    void disconnect() throws InterruptedException {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void infersWithAnInternalTokenInTheMetadata() {
        ModelInferResponse response = as("acme").modelInfer(twoRows("churn", ""));

        assertThat(response.getModelName()).isEqualTo("churn");
        assertThat(response.getModelVersion()).isEqualTo("2");
        assertThat(response.getId()).isEqualTo("grpc-1");
        assertThat(response.getOutputs(0).getContents().getFp32ContentsList()).containsExactly(10f, 26f);
        assertThat(response.getOutputs(1).getContents().getBytesContentsList())
                .extracting(bytes -> bytes.toStringUtf8()).containsExactly("low", "high");
        assertThat(as("acme").modelInfer(twoRows("churn", "3")).getModelVersion()).isEqualTo("3");
    }

    @Test
    void refusesCallsWithoutAValidToken() {
        GRPCInferenceServiceBlockingStub anonymous = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        assertThatThrownBy(() -> anonymous.modelInfer(twoRows("churn", "")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        GRPCInferenceServiceBlockingStub forged = withAuthorization("Bearer forged.token.here");
        assertThatThrownBy(() -> forged.modelInfer(twoRows("churn", "")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThat(anonymous.serverLive(ServerLiveRequest.getDefaultInstance()).getLive()).isTrue();
    }

    @Test
    void mapsFailuresToGrpcStatuses() {
        ModelInferRequest wrongShape = twoRows("churn", "").toBuilder()
                .setInputs(0, twoRows("churn", "").getInputs(0).toBuilder().setShape(1, 3)).build();
        assertThatThrownBy(() -> as("acme").modelInfer(wrongShape))
                .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
                    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
                    assertThat(e.getStatus().getDescription()).contains("expected features FP32 [-1, 4]")
                            .contains("inputs[0].shape");
                });
        assertThatThrownBy(() -> as("globex").modelInfer(twoRows("churn", "")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> as("acme").modelInfer(twoRows("outage", "")))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        assertThatThrownBy(() -> as("acme").repositoryIndex(RepositoryIndexRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));
    }

    @Test
    void describesModelsAndTheirReadiness() {
        ModelMetadataResponse metadata = as("acme").modelMetadata(
                ModelMetadataRequest.newBuilder().setName("churn@staging").build());
        assertThat(metadata.getVersionsList()).containsExactly("3");
        assertThat(metadata.getInputs(0).getShapeList()).containsExactly(-1L, 4L);
        assertThat(as("acme").modelReady(ModelReadyRequest.newBuilder().setName("churn").build()).getReady()).isTrue();
        assertThat(as("acme").modelReady(ModelReadyRequest.newBuilder().setName("churn@1").build()).getReady()).isFalse();
    }

    @Test
    void describesTheServerAndAModelsConfigurationUnderTheCallersName() {
        ServerMetadataResponse server = as("acme").serverMetadata(ServerMetadataRequest.getDefaultInstance());
        assertThat(server.getName()).isEqualTo("modelyard-inference-router");
        assertThat(server.getExtensionsList()).contains("model_configuration", "statistics", "binary_tensor_data");

        ModelConfig config = as("acme").modelConfig(ModelConfigRequest.newBuilder().setName("churn@staging").build())
                .getConfig();
        assertThat(config.getName()).isEqualTo("churn@staging");
        assertThat(config.getMaxBatchSize()).isEqualTo(8);
        assertThat(config.hasVersionPolicy()).isFalse();
        assertThatThrownBy(() -> as("globex").modelConfig(ModelConfigRequest.newBuilder().setName("churn").build()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
    }

    @Test
    void reportsTheStatisticsOfTheVersionTheCallerNames() {
        ModelStatisticsRequest request = ModelStatisticsRequest.newBuilder().setName("churn").setVersion("3").build();
        ModelStatistics before = as("acme").modelStatistics(request).getModelStats(0);

        as("acme").modelInfer(twoRows("churn", "3"));

        ModelStatistics after = as("acme").modelStatistics(request).getModelStats(0);
        assertThat(after.getName()).isEqualTo("churn");
        assertThat(after.getVersion()).isEqualTo("3");
        assertThat(after.getInferenceStats().getSuccess().getCount() - before.getInferenceStats().getSuccess().getCount())
                .isEqualTo(1);
        assertThat(after.getInferenceCount() - before.getInferenceCount()).isEqualTo(2);
        assertThatThrownBy(() -> as("acme").modelStatistics(ModelStatisticsRequest.getDefaultInstance()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

    /**
     * A stream's requests are answered in order, a refused one inline; every answered request is metered
     * exactly as a unary call is: billed when it succeeded, kept as a failure when refused.
     */
    @Test
    void streamsInferencesInOrderAndMetersEachAnswer() throws Exception {
        String apiKey = "key-stream-" + System.nanoTime();
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + TestTokens.sign(
                new Caller(apiKey, "acme", Set.of(Caller.TENANT_MEMBER), apiKey, null)));
        ModelInferRequest wrongShape = twoRows("churn", "").toBuilder().setId("refused")
                .setInputs(0, twoRows("churn", "").getInputs(0).toBuilder().setShape(1, 3)).build();
        List<ModelInferRequest> requests = List.of(twoRows("churn", ""), wrongShape, twoRows("churn", "3"),
                twoRows("churn@staging", ""));
        List<ModelStreamInferResponse> answers = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        StreamObserver<ModelInferRequest> stream = GRPCInferenceServiceGrpc.newStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .modelStreamInfer(new StreamObserver<>() {
                    @Override
                    public void onNext(ModelStreamInferResponse answer) {
                        answers.add(answer);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        ended.countDown();
                    }

                    @Override
                    public void onCompleted() {
                        ended.countDown();
                    }
                });
        requests.forEach(stream::onNext);
        stream.onCompleted();

        assertThat(ended.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(answers).hasSize(4);
        assertThat(answers.get(0).getInferResponse().getModelVersion()).isEqualTo("2");
        assertThat(answers.get(0).getInferResponse().getOutputs(0).getContents().getFp32ContentsList())
                .containsExactly(10f, 26f);
        assertThat(answers.get(1).getErrorMessage()).contains("inputs[0].shape");
        assertThat(answers.get(2).getInferResponse().getModelVersion()).isEqualTo("3");
        assertThat(answers.get(3).getInferResponse().getModelName()).isEqualTo("churn@staging");
        await().atMost(Duration.ofSeconds(15)).until(() -> usageEvents(apiKey, "status = 'ok'") == 3
                && usageEvents(apiKey, "status <> 'ok'") == 1);
        assertThat(usageEvents(apiKey, "status = 'ok' AND row_count = 2")).isEqualTo(3);
    }

    private long usageEvents(String apiKey, String condition) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "router_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute("SELECT set_config('modelyard.tenant', 'acme', false)");
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM router.usage_event WHERE api_key_id = '"
                    + apiKey + "' AND " + condition)) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private GRPCInferenceServiceBlockingStub as(String tenant) {
        return withAuthorization("Bearer " + TestTokens.member(tenant));
    }

    private GRPCInferenceServiceBlockingStub withAuthorization(String authorization) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    private static ModelInferRequest twoRows(String model, String version) {
        return ModelInferRequest.newBuilder().setModelName(model).setModelVersion(version).setId("grpc-1")
                .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("features").setDatatype("FP32")
                        .addShape(2).addShape(4)
                        .setContents(InferTensorContents.newBuilder()
                                .addFp32Contents(1).addFp32Contents(2).addFp32Contents(3).addFp32Contents(4)
                                .addFp32Contents(5).addFp32Contents(6).addFp32Contents(7).addFp32Contents(8)))
                .build();
    }
}
