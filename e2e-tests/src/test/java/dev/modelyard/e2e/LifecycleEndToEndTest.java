package dev.modelyard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.testsupport.KeycloakTokens;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.restassured.http.ContentType;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The whole lifecycle, exactly as {@code ./platform demo} walks it, against the real stack: Keycloak,
 * PostgreSQL, every service in its own JVM, the trainer as a process and the model server running
 * the exported ONNX model. Each step checks its own outcome; this test also checks what it printed,
 * then calls the deployed model over the public gRPC entrance, as Triton clients do.
 */
@ExtendWith(PlatformUnderTest.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LifecycleEndToEndTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Test
    @Order(1)
    void theDemoLifecycleHoldsStepByStep() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        int exitCode;
        try (PrintStream printer = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            exitCode = PlatformUnderTest.start().runDemo(printer);
        }
        String output = printed.toString(StandardCharsets.UTF_8);
        System.out.println(output);

        assertThat(exitCode).as(output).isZero();
        assertThat(output)
                .contains("PII replaced:")
                .contains("EMAIL_ADDRESS")
                .containsPattern("succeeded: fine_tuned_model churn@\\d+")
                .contains("production -> version")
                .contains("deployed true")
                .containsPattern("latency through the gateway over \\d+ calls: p50")
                .contains("invoice preview on plan")
                .contains("GET /v2/models/churn -> 404")
                .contains("All 10 steps hold.");
    }

    @Test
    @Order(2)
    void theDeployedModelAnswersOverGrpcThroughTheGatewayAndOnlyForItsTenant() throws Exception {
        String acmeKey = given().auth().oauth2(KeycloakTokens.accessToken("acme-admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"grpc\",\"scopes\":[\"inference\"]}").post("/v1/api-keys")
                .then().statusCode(201).extract().path("secret");
        URI gateway = URI.create(PlatformUnderTest.start().gatewayUrl());
        ManagedChannel channel = NettyChannelBuilder.forAddress(gateway.getHost(), gateway.getPort()).usePlaintext().build();
        try {
            ModelInferRequest request = oneCustomer(acmeKey);

            ModelInferResponse response = stub(channel, "Bearer " + acmeKey).modelInfer(request);
            assertThat(response.getOutputsList()).extracting(ModelInferResponse.InferOutputTensor::getName)
                    .contains("probabilities", "label");

            StatusRuntimeException anonymous = catchThrowableOfType(StatusRuntimeException.class,
                    () -> GRPCInferenceServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).modelInfer(request));
            assertThat(anonymous.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);

            StatusRuntimeException foreign = catchThrowableOfType(StatusRuntimeException.class,
                    () -> stub(channel, "Bearer " + KeycloakTokens.accessToken("globex-admin")).modelInfer(request));
            assertThat(foreign.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(3)
    void anotherTenantCanNeitherInferWithNorSeeTheUsageOfAcmesModel() {
        String globex = KeycloakTokens.accessToken("globex-admin");
        given().auth().oauth2(globex).contentType(ContentType.JSON)
                .body("{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[1,4],\"data\":[30,150,3,9]},"
                        + "{\"name\":\"categories\",\"datatype\":\"BYTES\",\"shape\":[1,1],\"data\":[\"basic\"]}]}")
                .post("/v2/models/churn/infer").then().statusCode(404);
        List<String> models = given().auth().oauth2(globex).get("/v1/usage?group_by=model").then().statusCode(200)
                .extract().path("data.model");
        assertThat(models).doesNotContain("churn");
    }

    /**
     * One customer in the inputs the deployed model's metadata asks for: its four numbers, and for each
     * categorical column (the trainer chooses them from the data) a plan name, unknown ones counting as none.
     */
    private static ModelInferRequest oneCustomer(String apiKey) {
        List<Map<String, Object>> inputs = given().auth().oauth2(apiKey).get("/v2/models/churn")
                .then().statusCode(200).extract().path("inputs");
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder().setModelName("churn");
        for (Map<String, Object> input : inputs) {
            String name = (String) input.get("name");
            long width = ((Number) ((List<?>) input.get("shape")).get(1)).longValue();
            ModelInferRequest.InferInputTensor.Builder tensor = request.addInputsBuilder().setName(name)
                    .setDatatype((String) input.get("datatype")).addAllShape(List.of(1L, width));
            if (name.equals("features")) {
                tensor.setContents(InferTensorContents.newBuilder().addAllFp32Contents(List.of(30f, 150f, 3f, 9f)));
            } else {
                InferTensorContents.Builder values = InferTensorContents.newBuilder();
                for (long i = 0; i < width; i++) {
                    values.addBytesContents(ByteString.copyFromUtf8(i == 0 ? "basic" : ""));
                }
                tensor.setContents(values);
            }
        }
        return request.build();
    }

    private static GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub(ManagedChannel channel, String authorization) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, authorization);
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS);
    }
}
