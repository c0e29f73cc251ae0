package dev.modelyard.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.modelyard.testsupport.KeycloakTokens;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class ApiKeyLifecycleTest {

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @Test
    void theSecretIsShownOnceAndNeverListed() {
        String admin = KeycloakTokens.accessToken("acme-admin");
        ApiKeys.Created key = ApiKeys.create("acme-admin", "{\"name\":\"shown-once\",\"scopes\":[\"models\"],\"expires_in_days\":30}");
        given().auth().oauth2(admin).get("/v1/api-keys/" + key.id())
                .then().statusCode(200)
                .body("secret", nullValue())
                .body("prefix", equalTo(key.secret().substring(0, 10)))
                .body("scopes", equalTo(java.util.List.of("models")))
                .body("expires_at", notNullValue());
        given().auth().oauth2(admin).get("/v1/api-keys?limit=100")
                .then().statusCode(200).body("object", equalTo("list"))
                .body("data.id", hasItem(key.id()))
                .body(not(containsString(key.secret())));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        ApiKeys.Created key = ApiKeys.create("acme-admin", "{\"name\":\"to-revoke\"}");
        given().auth().oauth2(key.secret()).get("/v1/models").then().statusCode(200);
        given().auth().oauth2(KeycloakTokens.accessToken("acme-admin")).delete("/v1/api-keys/" + key.id())
                .then().statusCode(200).body("revoked_at", notNullValue());
        given().auth().oauth2(key.secret()).get("/v1/models").then().statusCode(401)
                .contentType("application/problem+json").body("detail", containsString("revoked"));
    }

    @Test
    void anExpiredKeyStopsWorking() throws Exception {
        ApiKeys.Created key = ApiKeys.create("acme-admin", "{\"name\":\"to-expire\",\"expires_in_days\":1}");
        given().auth().oauth2(key.secret()).get("/v1/models").then().statusCode(200);
        try (Connection owner = DriverManager.getConnection(jdbcUrl, PostgresResource.OWNER, PostgresResource.PASSWORD);
             PreparedStatement expire = owner.prepareStatement(
                     "update gateway.api_key set expires_at = now() - interval '1 second' where id = ?")) {
            expire.setString(1, key.id());
            expire.executeUpdate();
        }
        // A change made elsewhere (here: straight in the database) reaches the gateway's cache through a
        // notification, within milliseconds.
        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(20))
                .until(() -> given().auth().oauth2(key.secret()).get("/v1/models").statusCode() == 401);
        given().auth().oauth2(key.secret()).get("/v1/models").then().statusCode(401)
                .body("detail", containsString("expired"));
    }

    @Test
    void aKeyRevokedByAnotherGatewayStopsWorkingWithinMilliseconds() throws Exception {
        ApiKeys.Created key = ApiKeys.create("acme-admin", "{\"name\":\"revoked-elsewhere\"}");
        given().auth().oauth2(key.secret()).get("/v1/models").then().statusCode(200);
        given().auth().oauth2(key.secret()).get("/v1/models").then().statusCode(200);
        long revokedAt;
        try (Connection owner = DriverManager.getConnection(jdbcUrl, PostgresResource.OWNER, PostgresResource.PASSWORD);
             PreparedStatement revoke = owner.prepareStatement(
                     "update gateway.api_key set revoked_at = now() where id = ?")) {
            revoke.setString(1, key.id());
            revoke.executeUpdate();
            revokedAt = System.nanoTime();
        }
        Awaitility.await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(5))
                .until(() -> given().auth().oauth2(key.secret()).get("/v1/models").statusCode() == 401);
        org.assertj.core.api.Assertions.assertThat(Duration.ofNanos(System.nanoTime() - revokedAt))
                .as("the cache learns of the revocation through NOTIFY, not by expiry").isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void scopesLimitWhatAKeyReaches() {
        ApiKeys.Created key = ApiKeys.create("acme-admin", "{\"name\":\"files-only\",\"scopes\":[\"files\"]}");
        given().auth().oauth2(key.secret()).get("/v1/files").then().statusCode(200);
        given().auth().oauth2(key.secret()).get("/v1/models").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("'models' scope"));
        given().auth().oauth2(KeycloakTokens.accessToken("acme-admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"bad\",\"scopes\":[\"everything\"]}").post("/v1/api-keys")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("scopes.0"));
        given().auth().oauth2(KeycloakTokens.accessToken("acme-admin")).contentType(ContentType.JSON)
                .body("{\"scopes\":[\"files\"]}").post("/v1/api-keys")
                .then().statusCode(400).body("errors.field", hasItem("name"));
        given().auth().oauth2(KeycloakTokens.accessToken("acme-admin")).contentType(ContentType.TEXT)
                .body("name=plain").post("/v1/api-keys")
                .then().statusCode(415).contentType("application/problem+json").body("status", equalTo(415));
    }

    @Test
    void theKeyRateLimitAnswers429WithRetryAfterAndThenRecovers() {
        ApiKeys.Created key = ApiKeys.create("acme-admin", "{\"name\":\"limited\",\"rate_limit_per_minute\":60}");
        Response limited = null;
        for (int i = 0; i < 100 && limited == null; i++) {
            Response response = given().auth().oauth2(key.secret()).get("/v1/models");
            if (response.statusCode() == 429) {
                limited = response;
            }
        }
        org.assertj.core.api.Assertions.assertThat(limited).as("a burst of requests at 60/min").isNotNull();
        limited.then().contentType("application/problem+json").body("status", equalTo(429))
                .body("detail", containsString("60 requests per minute"));
        long retryAfter = Long.parseLong(limited.header("Retry-After"));
        org.assertj.core.api.Assertions.assertThat(retryAfter).isBetween(1L, 2L);
        // Refused requests take no token, so polling does not delay the recovery it waits for.
        Awaitility.await().atMost(Duration.ofSeconds(retryAfter + 1)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(key.secret()).get("/v1/models").statusCode() == 200);
    }

    @Test
    void anotherTenantCannotSeeOrRevokeTheKey() {
        ApiKeys.Created key = ApiKeys.create("acme-admin", "{\"name\":\"acme-private\"}");
        String globex = KeycloakTokens.accessToken("globex-admin");
        given().auth().oauth2(globex).get("/v1/api-keys/" + key.id()).then().statusCode(404)
                .contentType("application/problem+json");
        given().auth().oauth2(globex).delete("/v1/api-keys/" + key.id()).then().statusCode(404);
        given().auth().oauth2(globex).get("/v1/api-keys?limit=100").then().statusCode(200)
                .body("data.id", not(hasItem(key.id())));
        given().auth().oauth2(key.secret()).get("/v1/models").then().statusCode(200).body("tenant", equalTo("acme"));
    }
}
