package dev.modelyard.privacy.dpstats;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
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
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_privacy"))
class DpStatisticsResourceTest {

    /** Numbers as doubles, so closeTo compares like with like. */
    private static final RestAssuredConfig DOUBLES = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));

    /** 2,000 customers: ages 20..69 evenly, half churned. */
    private static String customers() {
        StringBuilder csv = new StringBuilder("age,plan,churned\n");
        for (int row = 0; row < 2000; row++) {
            csv.append(20 + row % 50).append(',').append(row % 4 == 0 ? "team" : "free").append(',')
                    .append(row % 2 == 0 ? "yes" : "no").append('\n');
        }
        return csv.toString();
    }

    @Test
    void releasesNoisyStatisticsCloseToTheTruthAndChargesTheFilesBudget() {
        String tenant = "dpstats";
        String file = upload(tenant, customers());
        Map<String, Object> request = Map.of("epsilon", 4.0, "statistics", List.of(
                Map.of("type", "count"),
                Map.of("type", "mean", "column", "age", "lower", 0, "upper", 100),
                Map.of("type", "histogram", "column", "churned", "categories", List.of("yes", "no")),
                Map.of("type", "quantiles", "column", "age", "lower", 0, "upper", 100, "probabilities", List.of(0.5))));

        var released = as(tenant).contentType(ContentType.JSON).body(request).post("/v1/files/" + file + "/dp-statistics")
                .then().statusCode(200)
                .body("object", equalTo("file.dp_statistics")).body("mechanism", equalTo("laplace"))
                .body("results[0].type", equalTo("count"))
                .body("results[0].epsilon", closeTo(1.0, 1e-9))
                .body("budget.epsilon.spent", closeTo(4.0, 1e-9))
                .body("budget.epsilon.remaining", closeTo(6.0, 1e-9))
                .extract().jsonPath();

        // At ε = 1 per statistic the noise is a few units on values in the thousands or tens.
        assertThat(released.getDouble("results[0].value")).isBetween(1950.0, 2050.0);
        assertThat(released.getDouble("results[1].value")).isBetween(42.0, 47.0);
        assertThat(released.getDouble("results[2].value.yes")).isBetween(950.0, 1050.0);
        assertThat(released.getDouble("results[3].value[0]")).isBetween(38.0, 52.0);
        as(tenant).get("/v1/files/" + file + "/budget/events").then().statusCode(200)
                .body("data[0].action", equalTo("commit")).body("data[1].action", equalTo("reserve"));
    }

    @Test
    void aReleaseTheBudgetCannotCoverReadsNothingAndSpendsNothing() {
        String tenant = "dpstats-exhausted";
        String file = upload(tenant, customers());
        Map<String, Object> request = Map.of("epsilon", 11.0, "statistics", List.of(Map.of("type", "count")));

        as(tenant).contentType(ContentType.JSON).body(request).post("/v1/files/" + file + "/dp-statistics")
                .then().statusCode(409).contentType("application/problem+json");
        as(tenant).get("/v1/files/" + file + "/budget").then().statusCode(200).body("epsilon.spent", equalTo(0.0))
                .body("epsilon.reserved", equalTo(0.0));
    }

    @Test
    void badRequestsNameTheFieldAndRefundTheReservation() {
        String tenant = "dpstats-bad";
        String file = upload(tenant, customers());
        post(tenant, file, Map.of("epsilon", 1.0, "statistics", List.of(Map.of("type", "median"))))
                .statusCode(400).body("errors[0].field", equalTo("statistics[0].type"));
        post(tenant, file, Map.of("epsilon", 1.0, "statistics", List.of(Map.of("type", "sum", "column", "age"))))
                .statusCode(400).body("errors[0].field", equalTo("statistics[0].upper"));
        post(tenant, file, Map.of("epsilon", 1.0, "statistics", List.of(Map.of("type", "histogram", "column", "nope",
                "categories", List.of("a"))))).statusCode(400).body("errors[0].field", equalTo("statistics.column"));
        post(tenant, file, Map.of("statistics", List.of(Map.of("type", "count")))).statusCode(400)
                .body("errors[0].field", equalTo("epsilon"));
        as(tenant).get("/v1/files/" + file + "/budget").then().statusCode(200).body("epsilon.spent", equalTo(0.0))
                .body("epsilon.reserved", equalTo(0.0));
    }

    @Test
    void anotherTenantsFileIsNotFound() {
        String file = upload("dpstats-owner", customers());
        post("dpstats-intruder", file, Map.of("epsilon", 1.0, "statistics", List.of(Map.of("type", "count"))))
                .statusCode(404);
        as("dpstats-owner").get("/v1/files/" + file + "/budget").then().statusCode(200).body("epsilon.reserved", equalTo(0.0));
    }

    private static ValidatableResponse post(String tenant, String file, Map<String, Object> body) {
        return as(tenant).contentType(ContentType.JSON).body(body).post("/v1/files/" + file + "/dp-statistics").then();
    }

    private static RequestSpecification as(String tenant) {
        return given().config(DOUBLES).header("Authorization", TestTokens.bearerAdmin(tenant));
    }

    private static String upload(String tenant, String csv) {
        return as(tenant).multiPart("file", "customers.csv", csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("purpose", "fine-tune").post("/v1/files")
                .then().statusCode(201).extract().path("id");
    }
}
