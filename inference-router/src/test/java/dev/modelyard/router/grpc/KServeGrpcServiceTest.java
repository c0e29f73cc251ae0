package dev.modelyard.router.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelMetadataRequest;
import dev.modelyard.protocols.kserve.ModelMetadataResponse;
import dev.modelyard.protocols.kserve.ModelReadyRequest;
import dev.modelyard.protocols.kserve.ServerLiveRequest;
import dev.modelyard.protocols.kserve.ServerMetadataRequest;
import dev.modelyard.router.FakeBackends;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.util.concurrent.TimeUnit;
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
        assertThatThrownBy(() -> as("acme").serverMetadata(ServerMetadataRequest.getDefaultInstance()))
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
