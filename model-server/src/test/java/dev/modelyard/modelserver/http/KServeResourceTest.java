package dev.modelyard.modelserver.http;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.modelyard.modelserver.ModelRepositoryResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(ModelRepositoryResource.class)
class KServeResourceTest {

    @BeforeEach
    void loadClassifier() {
        given().post("/v2/repository/models/classifier/load").then().statusCode(200);
    }

    @Test
    void describesServerAndModel() {
        given().get("/v2").then().statusCode(200).body("name", equalTo("modelyard-model-server"));
        given().get("/v2/health/ready").then().statusCode(200);
        given().get("/v2/models/classifier/versions/1/ready").then().statusCode(200);
        given().get("/v2/models/classifier/versions/7/ready").then().statusCode(400);
        given().get("/v2/models/classifier").then().statusCode(200)
                .body("versions", contains("1"))
                .body("inputs[0].datatype", equalTo("FP32"))
                .body("inputs[0].shape", contains(-1, 3));
        given().get("/v2/models/classifier/config").then().statusCode(200)
                .body("max_batch_size", equalTo(8))
                .body("input[0].data_type", equalTo("TYPE_FP32"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void infersFromNestedData() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"id": "r-7", "inputs": [{"name": "features", "datatype": "FP32", "shape": [2, 3],
                                                  "data": [[1, 2, 3], [0, 0, 0]]}]}""")
                .post("/v2/models/classifier/infer")
                .then().statusCode(200)
                .body("model_name", equalTo("classifier"))
                .body("model_version", equalTo("1"))
                .body("id", equalTo("r-7"))
                .body("outputs[0].name", equalTo("probabilities"))
                .body("outputs[0].shape", contains(2, 2))
                .body("outputs[0].data[1]", both(greaterThan(0.73105f)).and(lessThan(0.73106f)))
                .body("outputs[1].datatype", equalTo("BYTES"))
                .body("outputs[1].data", contains("yes", "no"));
    }

    @Test
    void infersFromFlatDataWithTheRequestedOutputOnly() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 3], "data": [1, 2, 3]}],
                         "outputs": [{"name": "label"}]}""")
                .post("/v2/models/classifier/versions/1/infer")
                .then().statusCode(200)
                .body("id", nullValue())
                .body("outputs.name", contains("label"))
                .body("outputs[0].data", contains("yes"));
    }

    /** Binary input in, every output binary out except the label, which the request asks for as JSON. */
    @Test
    void infersWithTheBinaryTensorExtension() {
        byte[] json = ("{\"inputs\": [{\"name\": \"features\", \"datatype\": \"FP32\", \"shape\": [2, 3],"
                + " \"parameters\": {\"binary_data_size\": 24}}],"
                + " \"outputs\": [{\"name\": \"probabilities\"}, {\"name\": \"label\", \"parameters\": {\"binary_data\": false}}],"
                + " \"parameters\": {\"binary_data_output\": true}}").getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(json.length + 24).put(json).order(ByteOrder.LITTLE_ENDIAN)
                .putFloat(1).putFloat(2).putFloat(3).putFloat(0).putFloat(0).putFloat(0);

        Response response = given().header("Inference-Header-Content-Length", json.length)
                .contentType("application/octet-stream").body(body.array())
                .post("/v2/models/classifier/infer");

        assertThat(response.statusCode()).isEqualTo(200);
        int headerLength = Integer.parseInt(response.header("Inference-Header-Content-Length"));
        byte[] bytes = response.asByteArray();
        JsonPath header = new JsonPath(new String(bytes, 0, headerLength, StandardCharsets.UTF_8));
        assertThat(header.getInt("outputs[0].parameters.binary_data_size")).isEqualTo(16);
        assertThat(header.getList("outputs[0].data")).isNull();
        assertThat(header.getList("outputs[1].data")).containsExactly("yes", "no");
        ByteBuffer probabilities = ByteBuffer.wrap(bytes, headerLength, 16).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(bytes.length - headerLength).isEqualTo(16);
        assertThat(probabilities.getFloat(4)).isCloseTo(0.7310586f, within(1e-6f));
        assertThat(probabilities.getFloat(8)).isEqualTo(0.5f);
    }

    @Test
    void refusesBinaryDataThatDoesNotAddUp() {
        byte[] json = "{\"inputs\": [{\"name\": \"features\", \"datatype\": \"FP32\", \"shape\": [1, 3], \"parameters\": {\"binary_data_size\": 12}}]}"
                .getBytes(StandardCharsets.UTF_8);
        given().header("Inference-Header-Content-Length", json.length).contentType("application/octet-stream")
                .body(ByteBuffer.allocate(json.length + 8).put(json).array())
                .post("/v2/models/classifier/infer")
                .then().statusCode(400).body("error", containsString("binary_data_size 12 where 8 bytes"));
        given().header("Inference-Header-Content-Length", json.length).contentType("application/octet-stream")
                .body(ByteBuffer.allocate(json.length + 14).put(json).array())
                .post("/v2/models/classifier/infer")
                .then().statusCode(400).body("error", containsString("2 bytes of binary data"));
    }

    @Test
    void servesFp16AndUnsignedIntegersAsJson() {
        given().post("/v2/repository/models/unsigned/load").then().statusCode(200);
        given().contentType(ContentType.JSON)
                .body("""
                        {"inputs": [{"name": "small", "datatype": "UINT8", "shape": [2], "data": [200, 7]},
                                    {"name": "half", "datatype": "FP16", "shape": [2], "data": [1.5, -0.25]}]}""")
                .post("/v2/models/unsigned/infer")
                .then().statusCode(200)
                .body("outputs.find { it.name == 'half_out' }.data", contains(1.5f, -0.25f))
                .body("outputs.find { it.name == 'wide64' }.datatype", equalTo("UINT64"))
                .body("outputs.find { it.name == 'wide64' }.data", contains(200, 7))
                .body("outputs.find { it.name == 'wide32' }.data", contains(200, 7));
        given().contentType(ContentType.JSON)
                .body("""
                        {"inputs": [{"name": "small", "datatype": "UINT8", "shape": [1], "data": [300]},
                                    {"name": "half", "datatype": "FP16", "shape": [1], "data": [1]}]}""")
                .post("/v2/models/unsigned/infer")
                .then().statusCode(400).body("error", containsString("input 'small' is UINT8, which cannot hold"));
    }

    @Test
    void answersErrorsAsTritonDoes() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 2], "data": [1, 2]}]}""")
                .post("/v2/models/classifier/infer")
                .then().statusCode(400).body("error", containsString("features FP32 [-1,3]"));
        given().contentType(ContentType.JSON)
                .body("""
                        {"inputs": [{"name": "features", "datatype": "FP32", "shape": [1, 3], "data": ["a", 2, 3]}]}""")
                .post("/v2/models/classifier/infer")
                .then().statusCode(400).body("error", containsString("cannot hold the value \"a\""));
        given().contentType(ContentType.JSON).body("{\"inputs\": []}")
                .post("/v2/models/nobody/infer")
                .then().statusCode(404).body("error", containsString("unknown model 'nobody'"));
        given().post("/v2/repository/models/nobody/load").then().statusCode(404).body("error", containsString("nobody"));
    }

    @Test
    void listsTheRepositoryAndStatistics() {
        given().contentType(ContentType.JSON).body("{}").post("/v2/repository/index").then().statusCode(200)
                .body("find { it.name == 'classifier' }.state", equalTo("READY"))
                .body("find { it.name == 'classifier' }.version", equalTo("1"));
        given().contentType(ContentType.JSON).body("{\"ready\": true}").post("/v2/repository/index").then().statusCode(200)
                .body("state", hasItem("READY"))
                .body("findAll { it.state != 'READY' }", empty());
        given().get("/v2/models/stats").then().statusCode(200)
                .body("model_stats.name", hasItem("classifier"))
                .body("model_stats.find { it.name == 'classifier' }.inference_stats.success.count",
                        notNullValue());
    }
}
