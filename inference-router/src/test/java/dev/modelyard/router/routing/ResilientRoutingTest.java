package dev.modelyard.router.routing;

import static dev.modelyard.router.InferRequests.features;
import static dev.modelyard.router.InferRequests.inferOneRow;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.router.FakeBackends;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.net.URL;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_router"))
@QuarkusTestResource(value = FakeBackends.class, restrictToAnnotatedClass = false)
class ResilientRoutingTest {

    private static final String ACME = "Bearer " + TestTokens.member("acme");

    @TestHTTPResource("/")
    URL router;

    @Test
    void aCallPlacedOnADeadBackendAndALiveOneIsAnswered() {
        for (int i = 0; i < 8; i++) {
            inferOneRow("acme", "replicated").statusCode(200)
                    .body("model_name", equalTo("replicated")).body("model_version", equalTo("2"));
        }
    }

    @Test
    void whenNoBackendCanServeTheAnswerIsA503ProblemSayingWhenToRetry() {
        for (int i = 0; i < 8; i++) {
            inferOneRow("acme", "stranded").statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", Integer::parseInt, greaterThanOrEqualTo(1));
        }
        inferOneRow("acme", "stranded").statusCode(503).body("type", containsString("no-model-server-available"));
    }

    @Test
    void aStickyKeyHeaderKeepsItsVersion() {
        for (int key = 0; key < 10; key++) {
            String first = canary("user-" + key);
            assertThat(first).isIn("2", "3");
            for (int again = 0; again < 2; again++) {
                assertThat(canary("user-" + key)).isEqualTo(first);
            }
        }
    }

    @Test
    void aSplitModelPicksByWeightAndAStickyKeyInGrpcMetadataKeepsItsVersion() throws InterruptedException {
        ManagedChannel channel = NettyChannelBuilder.forAddress(router.getHost(), router.getPort()).usePlaintext().build();
        try {
            Set<String> versions = new HashSet<>();
            for (int i = 0; i < 200; i++) {
                versions.add(grpcCanary(channel, null));
            }
            assertThat(versions).containsExactlyInAnyOrder("2", "3");

            Set<String> stickyVersions = new HashSet<>();
            for (int key = 0; key < 60; key++) {
                String first = grpcCanary(channel, "session-" + key);
                for (int again = 0; again < 3; again++) {
                    assertThat(grpcCanary(channel, "session-" + key)).isEqualTo(first);
                }
                stickyVersions.add(first);
            }
            assertThat(stickyVersions).containsExactlyInAnyOrder("2", "3");
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void theRequestsTimeoutParameterMustBeMicroseconds() {
        given().header("Authorization", ACME).contentType(ContentType.JSON)
                .body("{\"parameters\": {\"timeout\": \"soon\"}, " + features("[1, 4]", "[1, 2, 3, 4]").substring(1))
                .post("/v2/models/churn/infer").then().statusCode(400)
                .body("errors[0].field", equalTo("parameters.timeout"));
        given().header("Authorization", ACME).contentType(ContentType.JSON)
                .body("{\"parameters\": {\"timeout\": 5000000}, " + features("[1, 4]", "[1, 2, 3, 4]").substring(1))
                .post("/v2/models/churn/infer").then().statusCode(200);
    }

    private static String canary(String stickyKey) {
        var request = given().header("Authorization", ACME).contentType(ContentType.JSON)
                .body(features("[1, 4]", "[1, 2, 3, 4]"));
        if (stickyKey != null) {
            request.header(StickyKeys.HEADER, stickyKey);
        }
        return request.post("/v2/models/canary/infer").then().statusCode(200).extract().path("model_version");
    }

    private static String grpcCanary(ManagedChannel channel, String stickyKey) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), ACME);
        if (stickyKey != null) {
            headers.put(Metadata.Key.of("x-sticky-key", Metadata.ASCII_STRING_MARSHALLER), stickyKey);
        }
        return GRPCInferenceServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .modelInfer(ModelInferRequest.newBuilder().setModelName("canary")
                        .addInputs(ModelInferRequest.InferInputTensor.newBuilder().setName("features").setDatatype("FP32")
                                .addShape(1).addShape(4).setContents(InferTensorContents.newBuilder()
                                        .addFp32Contents(1).addFp32Contents(2).addFp32Contents(3).addFp32Contents(4)))
                        .build())
                .getModelVersion();
    }
}
