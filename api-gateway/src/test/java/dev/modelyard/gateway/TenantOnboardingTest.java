package dev.modelyard.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelyard.testsupport.BrowserLogin;
import dev.modelyard.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.Map;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class TenantOnboardingTest {

    @Test
    void aNewTenantsAdminLogsInAtOnceAndDisablingStopsEveryCredential() {
        String platform = KeycloakTokens.accessToken("platform-admin");
        JsonPath created = given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("id", "initech", "name", "Initech", "plan", "team",
                        "admin", Map.of("email", "bill@initech.test", "first_name", "Bill", "last_name", "Lumbergh"),
                        "quotas", Map.of("max_concurrent_jobs", 2)))
                .post("/v1/admin/tenants")
                .then().statusCode(201)
                .body("id", equalTo("initech")).body("plan", equalTo("team")).body("status", equalTo("active"))
                .body("quotas.requests_per_minute", equalTo(600)).body("quotas.max_concurrent_jobs", equalTo(2))
                .body("admin.username", equalTo("bill@initech.test"))
                .extract().jsonPath();
        String temporaryPassword = created.getString("admin.temporary_password");
        assertThat(temporaryPassword).hasSizeGreaterThanOrEqualTo(16);

        // The new admin logs in through the console's flow, sets a password, and acts for the new tenant.
        String token = BrowserLogin.login("bill@initech.test", temporaryPassword, "a-new-Password-1");
        given().auth().oauth2(token).get("/v1/me").then().statusCode(200)
                .body("tenant", equalTo("initech")).body("roles", hasItem("tenant-admin"));
        String key = given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"initech-ci\"}")
                .post("/v1/api-keys").then().statusCode(201).extract().path("secret");
        given().auth().oauth2(key).get("/v1/models").then().statusCode(200).body("tenant", equalTo("initech"));

        given().auth().oauth2(platform).contentType(ContentType.JSON).body("{\"status\":\"disabled\"}")
                .patch("/v1/admin/tenants/initech").then().statusCode(200).body("status", equalTo("disabled"));
        given().auth().oauth2(token).get("/v1/me").then().statusCode(401).body("detail", containsString("disabled"));
        given().auth().oauth2(key).get("/v1/models").then().statusCode(401).body("detail", containsString("disabled"));
        assertThat(KeycloakTokens.tokenRequest(Map.of("grant_type", "password", "client_id", "modelyard-cli",
                "username", "bill@initech.test", "password", "a-new-Password-1")).has("access_token")).isFalse();

        given().auth().oauth2(platform).contentType(ContentType.JSON).body("{\"status\":\"active\"}")
                .patch("/v1/admin/tenants/initech").then().statusCode(200);
        given().auth().oauth2(key).get("/v1/models").then().statusCode(200);
        assertThat(KeycloakTokens.accessToken("bill@initech.test", "a-new-Password-1")).isNotBlank();
    }

    @Test
    void theTenantRateLimitFollowsItsQuota() {
        String platform = KeycloakTokens.accessToken("platform-admin");
        String temporaryPassword = given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("id", "hooli", "name", "Hooli", "admin", Map.of("email", "gavin@hooli.test")))
                .post("/v1/admin/tenants").then().statusCode(201).body("plan", equalTo("free"))
                .body("quotas.requests_per_minute", equalTo(60))
                .extract().path("admin.temporary_password");
        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("quotas", Map.of("requests_per_minute", 30)))
                .patch("/v1/admin/tenants/hooli").then().statusCode(200).body("quotas.requests_per_minute", equalTo(30));

        String hooli = BrowserLogin.login("gavin@hooli.test", temporaryPassword, "Hooli-Password-1");
        Response limited = null;
        for (int i = 0; i < 60 && limited == null; i++) {
            Response response = given().auth().oauth2(hooli).get("/v1/models");
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        assertThat(limited).as("a burst of requests at 30/min").isNotNull();
        limited.then().contentType("application/problem+json").body("detail", containsString("30 requests per minute"));
        // Another tenant's budget is its own.
        given().auth().oauth2(KeycloakTokens.accessToken("acme-admin")).get("/v1/models").then().statusCode(200);
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 3L);
        Awaitility.await().atMost(Duration.ofSeconds(retryAfter + 1)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(hooli).get("/v1/models").statusCode() == 200);
    }

    @Test
    void badOnboardingInputNamesTheFieldAndDuplicatesConflict() {
        String platform = KeycloakTokens.accessToken("platform-admin");
        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("id", "Not A Slug", "name", "x", "admin", Map.of("email", "not-an-email")))
                .post("/v1/admin/tenants").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("id")).body("errors.field", hasItem("admin.email"));
        given().auth().oauth2(platform).contentType(ContentType.JSON)
                .body(Map.of("id", "acme", "name", "Acme again", "admin", Map.of("email", "x@acme.test")))
                .post("/v1/admin/tenants").then().statusCode(409);
        given().auth().oauth2(platform).get("/v1/admin/tenants/no-such-tenant").then().statusCode(404);
        given().auth().oauth2(platform).get("/v1/admin/tenants?limit=100").then().statusCode(200)
                .body("data.id", hasItem("acme")).body("data.id", hasItem("globex"));
    }
}
