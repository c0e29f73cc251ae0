package dev.modelyard.router.infer;

import static dev.modelyard.router.InferRequests.features;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.router.FakeBackends;
import dev.modelyard.testsupport.KeepAliveConnection;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Every kind of answer the router gives on one kept-alive HTTP/1.1 connection, as the gateway's pooled client
 * uses it: each answer ends exactly where its framing says, nothing follows it (no late error or timeout
 * answer after it), and the next request on the same connection is answered.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_router"))
@QuarkusTestResource(value = FakeBackends.class, restrictToAnnotatedClass = false)
class KeepAliveFramingTest {

    private static final String ACME = "Authorization: Bearer " + TestTokens.member("acme") + "\r\n";
    private static final String JSON = ACME + "Content-Type: application/json\r\n";

    @TestHTTPResource("/")
    URL router;

    @Test
    void everyAnswerEndsWhereItsFramingSays() throws IOException {
        byte[] oneRow = bytes(features("[1, 4]", "[1, 2, 3, 4]"));
        byte[] binaryHeader = bytes("{\"inputs\": [{\"name\": \"features\", \"datatype\": \"FP32\", \"shape\": [1, 4],"
                + " \"parameters\": {\"binary_data_size\": 16}}], \"outputs\": [{\"name\": \"sum\","
                + " \"parameters\": {\"binary_data\": true}}]}");
        ByteBuffer binary = ByteBuffer.allocate(binaryHeader.length + 16).put(binaryHeader).order(ByteOrder.LITTLE_ENDIAN);
        for (int value = 1; value <= 4; value++) {
            binary.putFloat(value);
        }
        try (KeepAliveConnection connection = new KeepAliveConnection(router)) {
            connection.expect(connection.send("GET", "/q/health/live", ""), 200, "UP");
            connection.expect(connection.send("GET", "/v2/health/ready", ""), 200, "");
            connection.expect(connection.send("HEAD", "/v2/health/ready", ""), 200, "");
            connection.expect(connection.send("GET", "/v2", ACME), 200, "binary_tensor_data");
            connection.expect(connection.send("GET", "/v2/models/churn", ACME), 200, "\"features\"");
            connection.expect(connection.send("HEAD", "/v2/models/churn", ACME), 200, "");
            connection.expect(connection.send("GET", "/v2/models/churn/ready", ACME), 200, "\"ready\":true");
            connection.expect(connection.send("GET", "/v2/models/churn/config", ACME), 200, "max_batch_size");
            KeepAliveConnection.Answer inferred = connection.send("POST", "/v2/models/churn/infer", JSON, oneRow);
            connection.expect(inferred, 200, "\"low\"");
            // The body and type the REST layer's JSON writer gives the same answer.
            assertThat(inferred.header("Content-Type")).isEqualTo("application/json");
            assertThat(inferred.text()).isEqualTo("{\"model_name\":\"churn\",\"model_version\":\"2\",\"outputs\":["
                    + "{\"name\":\"sum\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[10.0]},"
                    + "{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[1],\"data\":[\"low\"]}]}");
            KeepAliveConnection.Answer binaryAnswer = connection.send("POST", "/v2/models/churn/infer",
                    ACME + "Content-Type: application/octet-stream\r\nInference-Header-Content-Length: "
                            + binaryHeader.length + "\r\n", binary.array());
            connection.expect(binaryAnswer, 200, "binary_data_size");
            assertThat(binaryAnswer.body().length - Integer.parseInt(binaryAnswer.header("Inference-Header-Content-Length")))
                    .as("one FP32 sum after the JSON").isEqualTo(4);
            connection.expect(connection.send("GET", "/v2/models/churn/versions/2/stats", ACME), 200, "model_stats");
            connection.expect(connection.send("POST", "/v2/models/churn/infer", JSON,
                    bytes(features("[2, 3]", "[1, 2, 3, 4, 5, 6]"))), 400, "invalid-input");
            connection.expect(connection.send("POST", "/v2/models/churn/infer", JSON, bytes("{not json")), 400,
                    "\"status\":400");
            connection.expect(connection.send("POST", "/v2/models/churn/infer", "Content-Type: application/json\r\n",
                    oneRow), 401, "");
            connection.expect(connection.send("POST", "/v2/models/no-such-model/infer", JSON, oneRow), 404,
                    "model-not-found");
            connection.expect(connection.send("POST", "/v2/models/churn@1/infer", JSON, oneRow), 409, "not-deployed");
            connection.expect(connection.send("GET", "/no/such/path", ACME), 404, "");
            KeepAliveConnection.Answer outage = connection.send("POST", "/v2/models/outage/infer", JSON, oneRow);
            connection.expect(outage, 503, "model-server-unavailable");
            assertThat(outage.header("Retry-After")).isEqualTo("1");
            KeepAliveConnection.Answer notReady = connection.send("GET", "/v2/models/unloaded/ready", ACME);
            connection.expect(notReady, 503, "model-not-ready");
            assertThat(notReady.header("Retry-After")).isEqualTo("1");
            // A one-microsecond KServe timeout: the model server's deadline passes before it can answer.
            KeepAliveConnection.Answer deadline = connection.send("POST", "/v2/models/churn/infer", JSON, bytes(
                    "{\"parameters\": {\"timeout\": 1}, \"inputs\": [{\"name\": \"features\", \"datatype\": \"FP32\","
                            + " \"shape\": [1, 4], \"data\": [1, 2, 3, 4]}]}"));
            connection.expect(deadline, 503, "model-server-unavailable");
            connection.expect(connection.send("POST", "/v2/models/churn/infer", JSON, oneRow), 200, "\"low\"");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
