package dev.modelyard.gateway;

import static io.restassured.RestAssured.given;

import dev.modelyard.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Creates API keys the way a tenant admin does, through the gateway. */
final class ApiKeys {

    record Created(String id, String secret) {
    }

    private ApiKeys() {
    }

    static Created create(String adminUser, String body) {
        JsonPath created = given().auth().oauth2(KeycloakTokens.accessToken(adminUser))
                .contentType(ContentType.JSON).body(body)
                .post("/v1/api-keys")
                .then().statusCode(201).extract().jsonPath();
        return new Created(created.getString("id"), created.getString("secret"));
    }
}
