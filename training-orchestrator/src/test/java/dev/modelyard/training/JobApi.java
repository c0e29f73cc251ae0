package dev.modelyard.training;

import static io.restassured.RestAssured.given;

import dev.modelyard.testsupport.TestTokens;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import org.awaitility.Awaitility;

/** The fine-tuning API as the tests use it: the job's status, once it has reached the one awaited. */
public final class JobApi {

    private JobApi() {
    }

    public static ValidatableResponse awaitStatus(String tenant, String id, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> status.equals(given().header("Authorization", TestTokens.bearerAdmin(tenant))
                        .get("/v1/fine_tuning/jobs/" + id).then().extract().path("status")));
        return given().header("Authorization", TestTokens.bearerAdmin(tenant)).get("/v1/fine_tuning/jobs/" + id)
                .then().statusCode(200);
    }
}
