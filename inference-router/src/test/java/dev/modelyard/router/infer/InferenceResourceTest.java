package dev.modelyard.router.infer;

import static dev.modelyard.router.InferRequests.features;
import static dev.modelyard.router.InferRequests.infer;
import static dev.modelyard.router.InferRequests.inferOneRow;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelyard.router.FakeBackends;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
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

    @Test
    void needsAnInternalToken() {
        infer("Bearer not-a-token", "/v2/models/churn/infer", features("[1, 4]", "[1, 2, 3, 4]")).statusCode(401);
        given().contentType("application/json").body(features("[1, 4]", "[1, 2, 3, 4]"))
                .post("/v2/models/churn/infer").then().statusCode(401);
    }
}
