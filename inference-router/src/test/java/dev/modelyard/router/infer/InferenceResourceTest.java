package dev.modelyard.router.infer;

import static dev.modelyard.router.InferRequests.features;
import static dev.modelyard.router.InferRequests.infer;
import static dev.modelyard.router.InferRequests.inferOneRow;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.router.FakeBackends;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_router"))
@QuarkusTestResource(value = FakeBackends.class, restrictToAnnotatedClass = false)
class InferenceResourceTest {

    private static final String ACME = "Bearer " + TestTokens.member("acme");

    @Test
    void infersWithNestedDataAndAnswersInKServeForm() {
        infer(ACME, "/v2/models/churn/infer",
                "{\"id\":\"req-1\",\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[2,4],"
                        + "\"data\":[[1,2,3,4],[5,6,7,8.5]]}],\"outputs\":[{\"name\":\"sum\"},{\"name\":\"label\"}]}")
                .statusCode(200)
                .body("model_name", equalTo("churn"))
                .body("model_version", equalTo("2"))
                .body("id", equalTo("req-1"))
                .body("outputs[0].name", equalTo("sum"))
                .body("outputs[0].datatype", equalTo("FP32"))
                .body("outputs[0].shape", contains(2))
                .body("outputs[0].data", contains(10.0f, 26.5f))
                .body("outputs[1].datatype", equalTo("BYTES"))
                .body("outputs[1].data", contains("low", "high"));
    }

    @Test
    void namesAnAliasOrAVersionInTheNameOrThePath() {
        inferOneRow("acme", "churn@staging").statusCode(200)
                .body("model_name", equalTo("churn@staging")).body("model_version", equalTo("3"));
        inferOneRow("acme", "churn@2").statusCode(200).body("model_version", equalTo("2"));
        inferOneRow("acme", "churn/versions/3").statusCode(200)
                .body("model_name", equalTo("churn")).body("model_version", equalTo("3"));
        inferOneRow("acme", "churn@1").statusCode(409).body("type", containsString("model-not-deployed"));
        inferOneRow("acme", "churn@2/versions/3").statusCode(400).body("errors.field", hasItem("version"));
    }

    @Test
    void refusesInputsThatDoNotFitTheSignatureNamingIt() {
        infer(ACME, "/v2/models/churn/infer", features("[2, 3]", "[1, 2, 3, 4, 5, 6]"))
                .statusCode(400).contentType("application/problem+json")
                .body("type", containsString("invalid-input"))
                .body("detail", containsString("expected features FP32 [-1, 4]"))
                .body("errors[0].field", equalTo("inputs[0].shape"));
        infer(ACME, "/v2/models/churn/infer", features("[2, 4]", "[1, 2, 3, 4]"))
                .statusCode(400).body("errors[0].field", equalTo("inputs[0].data"));
        infer(ACME, "/v2/models/churn/infer", features("[1, 4]", "[1, 2, \"x\", 4]"))
                .statusCode(400).body("errors[0].field", equalTo("inputs[0].data"))
                .body("detail", containsString("expected features FP32 [-1, 4]"));
        infer(ACME, "/v2/models/churn/infer",
                "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"INT64\",\"shape\":[1,4],\"data\":[1,2,3,4]}]}")
                .statusCode(400).body("errors[0].field", equalTo("inputs[0].datatype"));
        infer(ACME, "/v2/models/churn/infer",
                "{\"inputs\":[{\"name\":\"x\",\"datatype\":\"FP32\",\"shape\":[1],\"data\":[1]}]}")
                .statusCode(400).body("errors.field", contains("inputs[0].name", "inputs"));
    }

    @Test
    void unknownAndOtherTenantsModelsAreNotFound() {
        inferOneRow("acme", "no-such-model").statusCode(404).contentType("application/problem+json")
                .body("type", containsString("model-not-found"))
                .body("detail", containsString("unknown model"));
        inferOneRow("globex", "churn").statusCode(404);
        inferOneRow("acme", "fraud").statusCode(404);
    }

    @Test
    void aModelServerThatCannotAnswerIsA503ToRetry() {
        inferOneRow("acme", "outage").statusCode(503).header("Retry-After", "1")
                .body("type", containsString("model-server-unavailable"));
        inferOneRow("acme", "unloaded").statusCode(503).header("Retry-After", "1")
                .body("type", containsString("model-not-loaded"));
    }

    @Test
    void describesAndReportsReadinessOfTheResolvedVersion() {
        given().header("Authorization", ACME).get("/v2/models/churn@staging")
                .then().statusCode(200)
                .body("name", equalTo("churn@staging"))
                .body("versions", contains("3"))
                .body("inputs[0].name", equalTo("features"))
                .body("inputs[0].shape", contains(-1, 4))
                .body("outputs.name", contains("sum", "label"));
        given().header("Authorization", ACME).get("/v2/models/churn/versions/2")
                .then().statusCode(200).body("versions", contains("2"));
        given().header("Authorization", ACME).get("/v2/models/churn/ready")
                .then().statusCode(200).body("ready", equalTo(true));
        given().header("Authorization", ACME).get("/v2/models/unloaded/ready")
                .then().statusCode(503).header("Retry-After", "1");
    }

    /** Binary features in; the sums come back binary after the JSON, the labels as JSON data. */
    @Test
    void infersWithTheBinaryTensorExtension() {
        byte[] json = ("{\"inputs\": [{\"name\": \"features\", \"datatype\": \"FP32\", \"shape\": [2, 4],"
                + " \"parameters\": {\"binary_data_size\": 32}}],"
                + " \"outputs\": [{\"name\": \"sum\", \"parameters\": {\"binary_data\": true}}, {\"name\": \"label\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        ByteBuffer body = ByteBuffer.allocate(json.length + 32).put(json).order(ByteOrder.LITTLE_ENDIAN);
        for (int value = 1; value <= 8; value++) {
            body.putFloat(value);
        }

        Response response = given().header("Authorization", ACME).header("Inference-Header-Content-Length", json.length)
                .contentType("application/octet-stream").body(body.array()).post("/v2/models/churn/infer");

        assertThat(response.statusCode()).isEqualTo(200);
        int headerLength = Integer.parseInt(response.header("Inference-Header-Content-Length"));
        byte[] bytes = response.asByteArray();
        JsonPath header = new JsonPath(new String(bytes, 0, headerLength, StandardCharsets.UTF_8));
        assertThat(header.getString("model_name")).isEqualTo("churn");
        assertThat(header.getInt("outputs[0].parameters.binary_data_size")).isEqualTo(8);
        assertThat(header.getList("outputs[1].data")).containsExactly("low", "high");
        ByteBuffer sums = ByteBuffer.wrap(bytes, headerLength, bytes.length - headerLength).slice().order(ByteOrder.LITTLE_ENDIAN);
        assertThat(sums.getFloat(0)).isEqualTo(10f);
        assertThat(sums.getFloat(4)).isEqualTo(26f);

        given().header("Authorization", ACME).header("Inference-Header-Content-Length", json.length)
                .contentType("application/octet-stream").body(Arrays.copyOf(body.array(), json.length + 30))
                .post("/v2/models/churn/infer")
                .then().statusCode(400).body("errors.field", hasItem("inputs[0].parameters.binary_data_size"));
    }

    @Test
    void servesTheServerMetadataAndAModelsConfigurationAndStatistics() {
        given().header("Authorization", ACME).get("/v2").then().statusCode(200)
                .body("name", equalTo("modelyard-inference-router"))
                .body("extensions", hasItem("binary_tensor_data"));
        given().get("/v2/health/ready").then().statusCode(200);
        given().header("Authorization", ACME).get("/v2/models/churn/config").then().statusCode(200)
                .body("name", equalTo("churn")).body("max_batch_size", equalTo(8));
        inferOneRow("acme", "churn@2").statusCode(200);
        given().header("Authorization", ACME).get("/v2/models/churn/versions/2/stats").then().statusCode(200)
                .body("model_stats[0].name", equalTo("churn"))
                .body("model_stats[0].version", equalTo("2"))
                .body("model_stats[0].inference_stats.success.count", greaterThan(0));
    }

    /** The route is outside the REST layer, so the document has it from a static description. */
    @Test
    void theOpenApiDocumentDescribesInference() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/v2/models/{name}/infer'.post.operationId", equalTo("infer"))
                .body("paths.'/v2/models/{name}/versions/{version}/infer'.post.operationId", equalTo("inferVersion"))
                .body("components.parameters.InferenceHeaderContentLength.name",
                        equalTo("Inference-Header-Content-Length"))
                .body("paths.'/v2/models/{name}/config'", notNullValue());
    }

    @Test
    void needsAnInternalTokenOfATenantMember() {
        infer("Bearer not-a-token", "/v2/models/churn/infer", features("[1, 4]", "[1, 2, 3, 4]")).statusCode(401)
                .contentType("application/problem+json").header("WWW-Authenticate", "Bearer");
        given().contentType("application/json").body(features("[1, 4]", "[1, 2, 3, 4]"))
                .post("/v2/models/churn/infer").then().statusCode(401).body("type", containsString("unauthorized"));
        String noRoles = "Bearer " + TestTokens.sign(new Caller("someone", "acme", Set.of(), null, null));
        infer(noRoles, "/v2/models/churn/infer", features("[1, 4]", "[1, 2, 3, 4]")).statusCode(403)
                .contentType("application/problem+json");
    }

    @Test
    void refusesABodyItCannotReadNamingWhatIsWrong() {
        infer(ACME, "/v2/models/churn/infer", "{\"inputs\": [").statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("body"))
                .body("instance", equalTo("/v2/models/churn/infer"));
        given().header("Authorization", ACME).header("Inference-Header-Content-Length", "twelve")
                .contentType("application/octet-stream").body(new byte[12]).post("/v2/models/churn/versions/2/infer")
                .then().statusCode(400).body("errors[0].field", equalTo("Inference-Header-Content-Length"));
        given().header("Authorization", ACME).header("Inference-Header-Content-Length", 13)
                .contentType("application/octet-stream").body(new byte[12]).post("/v2/models/churn/infer")
                .then().statusCode(400).body("errors[0].field", equalTo("Inference-Header-Content-Length"));
        // Over the HTTP body limit (10 MiB by default), refused before it is held whole.
        given().header("Authorization", ACME).contentType("application/octet-stream").body(new byte[11 << 20])
                .post("/v2/models/churn/infer")
                .then().statusCode(413).contentType("application/problem+json").body("type", containsString("payload-too-large"));
    }
}
