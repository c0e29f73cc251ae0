package dev.modelyard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.modelyard.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Credentials through the real gateway to a real service, and nothing but the gateway's token accepted. */
@ExtendWith(PlatformUnderTest.class)
class CredentialsEndToEndTest {

    @Test
    void aPersonsTokenAndAnApiKeyReachTheRegistryAsTheirTenant() {
        String acme = KeycloakTokens.accessToken("acme-admin");
        given().auth().oauth2(acme).contentType(ContentType.JSON).body("{\"name\":\"e2e-by-token\"}")
                .post("/v1/models").then().statusCode(201).body("name", equalTo("e2e-by-token"));
        String key = given().auth().oauth2(acme).contentType(ContentType.JSON)
                .body("{\"name\":\"e2e\",\"scopes\":[\"models\"]}").post("/v1/api-keys")
                .then().statusCode(201).extract().path("secret");
        given().auth().oauth2(key).get("/v1/models?limit=100").then().statusCode(200)
                .body("data.name", hasItem("e2e-by-token"));
        given().auth().oauth2(key).contentType(ContentType.JSON).body("{\"name\":\"e2e-by-key\"}")
                .post("/v1/models").then().statusCode(201);
        // The same names are another tenant's to take: names are scoped to the tenant.
        given().auth().oauth2(KeycloakTokens.accessToken("globex-admin")).contentType(ContentType.JSON)
                .body("{\"name\":\"e2e-by-token\"}").post("/v1/models").then().statusCode(201);
    }

    @Test
    void servicesAcceptOnlyTheGatewaysToken() throws Exception {
        String registry = PlatformUnderTest.start().serviceUrl("model-registry");
        given().baseUri(registry).auth().oauth2(KeycloakTokens.accessToken("acme-admin")).get("/v1/models")
                .then().statusCode(401).contentType("application/problem+json");
        given().baseUri(registry).get("/v1/models").then().statusCode(401);
        given().baseUri(registry).get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void revokedKeysAndForgedTokensAre401EndToEnd() {
        String acme = KeycloakTokens.accessToken("acme-admin");
        var created = given().auth().oauth2(acme).contentType(ContentType.JSON).body("{\"name\":\"short-lived\"}")
                .post("/v1/api-keys").then().statusCode(201).extract().jsonPath();
        given().auth().oauth2(created.getString("secret")).get("/v1/models").then().statusCode(200);
        given().auth().oauth2(acme).delete("/v1/api-keys/" + created.getString("id")).then().statusCode(200);
        given().auth().oauth2(created.getString("secret")).get("/v1/models").then().statusCode(401);
        String[] parts = acme.split("\\.");
        given().auth().oauth2(parts[0] + "." + parts[1] + ".c2lnbmF0dXJl").get("/v1/models").then().statusCode(401);
    }
}
