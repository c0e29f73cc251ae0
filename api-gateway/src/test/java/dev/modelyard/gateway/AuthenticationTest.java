package dev.modelyard.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.testsupport.KeycloakResource;
import dev.modelyard.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class AuthenticationTest {

    @Test
    void aPersonsKeycloakTokenReachesTheServiceWithItsTenant() {
        String token = KeycloakTokens.accessToken("acme-admin");
        given().auth().oauth2(token).header("X-Request-Id", "trace-me-1")
                .get("/v1/models?limit=5")
                .then().statusCode(200)
                .header("X-Request-Id", "trace-me-1")
                .body("tenant", equalTo("acme"))
                .body("roles", hasItem(Caller.TENANT_ADMIN))
                .body("uri", equalTo("/v1/models?limit=5"))
                // The id travels beside the token, which many requests of the same caller share.
                .body("request_id", nullValue())
                .body("request_id_header", equalTo("trace-me-1"));
        given().auth().oauth2(token).get("/v1/me")
                .then().statusCode(200).body("tenant", equalTo("acme")).body("roles", hasItem(Caller.TENANT_ADMIN));
    }

    @Test
    void aTokenFetchedThroughLocalhostNamesTheSameIssuer() {
        String token = given().baseUri(KeycloakResource.url().replace("127.0.0.1", "localhost"))
                .formParams(Map.of("grant_type", "password", "client_id", "modelyard-cli",
                        "username", "acme-member", "password", KeycloakTokens.DEMO_PASSWORD))
                .post("/realms/modelyard/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        given().auth().oauth2(token).get("/v1/me").then().statusCode(200).body("tenant", equalTo("acme"));
    }

    @Test
    void anApiKeyReachesTheServiceWithItsTenant() {
        String secret = ApiKeys.create("globex-admin", "{\"name\":\"ci\"}").secret();
        given().auth().oauth2(secret).contentType(ContentType.JSON).body("{\"a\":1}")
                .post("/v1/fine_tuning/jobs")
                .then().statusCode(200)
                .body("tenant", equalTo("globex"))
                .body("key_id", startsWith("key-"))
                .body("roles", equalTo(java.util.List.of(Caller.TENANT_MEMBER)))
                .body("method", equalTo("POST"))
                .body("content_type", startsWith("application/json"))
                .body("body_bytes", equalTo(7));
    }

    @Test
    void missingOrMalformedCredentialsAre401ProblemJson() {
        given().get("/v1/models").then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer").body("status", equalTo(401));
        given().get("/v1/api-keys").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("garbage").get("/v1/models").then().statusCode(401).contentType("application/problem+json");
        given().auth().oauth2("myk_" + "A".repeat(43)).get("/v1/models").then().statusCode(401)
                .body("detail", containsString("Unknown API key"));
        given().header("Authorization", "Basic YWNtZS1hZG1pbjpkZW1v").get("/v1/me").then().statusCode(401);
    }

    @Test
    void forgedAndUnsignedTokensAre401() throws Exception {
        String real = KeycloakTokens.accessToken("acme-member");
        String[] parts = real.split("\\.");
        // The real claims, upgraded to platform-admin, under "alg: none".
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"tenant-member\"", "\"platform-admin\"");
        String unsigned = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(payload) + ".";
        given().auth().oauth2(unsigned).get("/v1/admin/tenants").then().statusCode(401);
        // The same claims with the signature of the original token: the signature no longer matches.
        String tampered = parts[0] + "." + base64Url(payload) + "." + parts[2];
        given().auth().oauth2(tampered).get("/v1/admin/tenants").then().statusCode(401);
        // A well-formed token signed by someone else's key.
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String foreign = new InternalTokens.Signer(generator.generateKeyPair().getPrivate(),
                KeycloakTokens.issuer(), "account", Duration.ofMinutes(5))
                .sign(new Caller("intruder", "acme", Set.of(Caller.PLATFORM_ADMIN), null, null));
        given().auth().oauth2(foreign).get("/v1/models").then().statusCode(401);
        // The untampered token still works, so the refusals above are about the tampering.
        given().auth().oauth2(real).get("/v1/me").then().statusCode(200).body("tenant", equalTo("acme"));
    }

    @Test
    void anExpiredTokenIs401() {
        String token = KeycloakTokens.shortLivedAccessToken("acme-admin", 1);
        given().auth().oauth2(token).get("/v1/me").then().statusCode(200);
        // Refused once its lifetime (1 s) and the allowed clock skew (5 s) have passed; not long after.
        Awaitility.await().atMost(Duration.ofSeconds(1 + 5 + 3)).pollInterval(Duration.ofMillis(250))
                .until(() -> given().auth().oauth2(token).get("/v1/me").statusCode() == 401);
        given().auth().oauth2(token).get("/v1/me").then().statusCode(401)
                .body("detail", containsString("expired"));
    }

    @Test
    void membersCannotCallAdminEndpoints() {
        String member = KeycloakTokens.accessToken("acme-member");
        given().auth().oauth2(member).contentType(ContentType.JSON).body("{\"name\":\"x\"}")
                .post("/v1/api-keys").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(member).get("/v1/admin/tenants").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.accessToken("acme-admin")).get("/v1/admin/tenants").then().statusCode(403);
        // An API key acts as a member: it cannot mint more keys.
        String secret = ApiKeys.create("acme-admin", "{\"name\":\"no-escalation\"}").secret();
        given().auth().oauth2(secret).contentType(ContentType.JSON).body("{\"name\":\"y\"}")
                .post("/v1/api-keys").then().statusCode(403);
    }

    @Test
    void unknownPathsAre404ProblemJson() {
        given().auth().oauth2(KeycloakTokens.accessToken("acme-admin")).get("/v1/nothing-here")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404))
                .header("X-Request-Id", notNullValue());
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
