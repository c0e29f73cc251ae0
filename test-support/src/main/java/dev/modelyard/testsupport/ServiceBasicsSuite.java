package dev.modelyard.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

/**
 * What every service must offer, run against each one by a one-line subclass: health, metrics,
 * OpenAPI, and problem+json for requests it cannot serve.
 */
public abstract class ServiceBasicsSuite {

    @Test
    void reportsLivenessAndReadinessIncludingTheDatabase() {
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", org.hamcrest.Matchers.hasItem(containsString("Database")));
    }

    @Test
    void exposesPrometheusMetricsAndOpenApi() {
        given().get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("openapi"));
    }

    @Test
    void unknownResourcesAnswerProblemJson() {
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/no-such-resource")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
    }
}
