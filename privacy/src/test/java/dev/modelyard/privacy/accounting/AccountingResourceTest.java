package dev.modelyard.privacy.accounting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.path.json.config.JsonPathConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_privacy"))
class AccountingResourceTest {

    /** Numbers as doubles, so closeTo compares like with like. */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    @Test
    void epsilonOfAbadiEtAlsTrainingWithTheTighterConversion() {
        given().config(DOUBLES).header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body(Map.of("sample_rate", 0.01, "noise_multiplier", 4, "steps", 10000, "delta", 1e-5))
                .post("/v1/privacy/epsilon").then().statusCode(200)
                .body("object", equalTo("privacy.epsilon"))
                .body("epsilon", closeTo(1.0355, 5e-4))
                .body("order", closeTo(17.0, 1e-9));
    }

    @Test
    void theNoiseForATargetSpendsAtMostTheTarget() {
        given().config(DOUBLES).header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body(Map.of("target_epsilon", 1.0355, "delta", 1e-5, "sample_rate", 0.01, "steps", 10000))
                .post("/v1/privacy/noise").then().statusCode(200)
                .body("noise_multiplier", closeTo(4.0, 0.01))
                .body("epsilon", closeTo(1.0355, 0.0105));
    }

    @Test
    void badInputNamesTheFieldAndAnUnreachableTargetSaysSo() {
        given().config(DOUBLES).header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body(Map.of("sample_rate", 2, "noise_multiplier", 1, "steps", 10, "delta", 1e-5))
                .post("/v1/privacy/epsilon").then().statusCode(400).body("errors[0].field", equalTo("sample_rate"));
        given().config(DOUBLES).header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body(Map.of("target_epsilon", 1e-6, "delta", 1e-5, "sample_rate", 0.5, "steps", 100000))
                .post("/v1/privacy/noise").then().statusCode(422).body("errors[0].field", equalTo("target_epsilon"));
    }
}
