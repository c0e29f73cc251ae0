package dev.modelyard.modelserver.http;

import static io.restassured.RestAssured.given;
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
