package dev.modelyard.modelserver.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.modelserver.ModelRepositoryResource;
import dev.modelyard.testsupport.KeepAliveConnection;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of answer on one kept-alive HTTP/1.1 connection, as a pooling HTTP client uses it: each answer
 * ends exactly where its framing says, nothing follows it, and the next request on the same connection is
 * answered.
 */
@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class KeepAliveFramingTest {

    private static final String JSON = "Content-Type: application/json\r\n";
    private static final byte[] ONE_ROW = """
            {"id": "r-1", "inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 3], "data": [1, 2, 3]}]}"""
            .getBytes(StandardCharsets.UTF_8);

    @TestHTTPResource("/")
    URL server;

    @BeforeEach
    void loadClassifier() {
        given().post("/v2/repository/models/classifier/load").then().statusCode(200);
    }

    @Test
    void everyAnswerEndsWhereItsFramingSays() throws IOException {
        byte[] binaryHeader = ("{\"inputs\": [{\"name\": \"features\", \"datatype\": \"FP32\", \"shape\": [1, 3],"
                + " \"parameters\": {\"binary_data_size\": 12}}], \"parameters\": {\"binary_data_output\": true}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] binary = ByteBuffer.allocate(binaryHeader.length + 12).put(binaryHeader).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1).putFloat(2).putFloat(3).array();
        try (KeepAliveConnection connection = new KeepAliveConnection(server)) {
            connection.expect(connection.send("GET", "/v2/health/live", ""), 200, "");
            connection.expect(connection.send("GET", "/v2/health/ready", ""), 200, "");
            connection.expect(connection.send("HEAD", "/v2/health/ready", ""), 200, "");
            connection.expect(connection.send("GET", "/v2", ""), 200, "modelyard-model-server");
            connection.expect(connection.send("GET", "/v2/models/classifier", ""), 200, "\"FP32\"");
            connection.expect(connection.send("HEAD", "/v2/models/classifier", ""), 200, "");
            connection.expect(connection.send("GET", "/v2/models/classifier/config", ""), 200, "max_batch_size");
            connection.expect(connection.send("GET", "/v2/models/classifier/versions/1/ready", ""), 200, "");
            connection.expect(connection.send("GET", "/v2/models/classifier/versions/7/ready", ""), 400, "");
            connection.expect(connection.send("GET", "/v2/models/classifier/stats", ""), 200, "inference_stats");
            connection.expect(connection.send("POST", "/v2/models/classifier/infer", JSON, ONE_ROW), 200,
                    "\"id\":\"r-1\"");
            KeepAliveConnection.Answer binaryAnswer = connection.send("POST", "/v2/models/classifier/infer",
                    "Content-Type: application/octet-stream\r\nInference-Header-Content-Length: " + binaryHeader.length
                            + "\r\n", binary);
            connection.expect(binaryAnswer, 200, "binary_data_size");
            assertThat(binaryAnswer.body().length - Integer.parseInt(binaryAnswer.header("Inference-Header-Content-Length")))
                    .as("binary outputs after the JSON: probabilities FP32 [1, 2], then label 'yes' with its length")
                    .isEqualTo(8 + 4 + 3);
            connection.expect(connection.send("POST", "/v2/models/classifier/infer", JSON,
                    "{\"inputs\": [{\"name\": \"features\", \"datatype\": \"FP32\", \"shape\": [1, 2], \"data\": [1, 2]}]}"
                            .getBytes(StandardCharsets.UTF_8)), 400, "\"error\"");
            connection.expect(connection.send("POST", "/v2/models/classifier/infer", JSON,
                    "not json".getBytes(StandardCharsets.UTF_8)), 400, "\"error\"");
            connection.expect(connection.send("POST", "/v2/models/nobody/infer", JSON, ONE_ROW), 404, "unknown model");
            connection.expect(connection.send("GET", "/v2/no/such/path", ""), 404, "");
            connection.expect(connection.send("DELETE", "/v2/health/ready", ""), 405, "");
            connection.expect(connection.send("POST", "/v2/repository/index", JSON, "{}".getBytes(StandardCharsets.UTF_8)),
                    200, "classifier");
            connection.expect(connection.send("GET", "/v2/health/ready", ""), 200, "");
        }
    }

}
