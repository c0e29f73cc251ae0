package dev.modelyard.e2e;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelyard.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tenant-isolation suite: for every tenant-owned endpoint, tenant B reading, listing, changing
 * or deleting tenant A's object gets 404 (or an empty list) and changes nothing. Each new kind of
 * tenant-owned object adds one entry to {@link #endpoints()}.
 */
@ExtendWith(PlatformUnderTest.class)
class TenantIsolationTest {

    private static final String OWNER = "acme-admin";
    private static final String INTRUDER = "globex-admin";

    /**
     * One kind of tenant-owned object.
     *
     * @param create    creates an object as the owner (with the owner's token) and returns its path
     * @param list      the collection's path
     * @param listKey   the JSON path, in list items, of what {@code create}'s path ends with
     * @param changes   requests that would change the object: {method, body}
     * @param reads     further paths below the object that must not be readable either
     */
    record Endpoint(String name, Function<String, String> create, String list, String listKey, List<Change> changes,
                    List<String> reads) {
        @Override
        public String toString() {
            return name;
        }
    }

    record Change(String method, String body) {
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("api key", token -> "/v1/api-keys/" + given().auth().oauth2(token)
                        .contentType(ContentType.JSON).body("{\"name\":\"isolated\"}").post("/v1/api-keys")
                        .then().statusCode(201).extract().path("id"),
                        "/v1/api-keys?limit=100", "id",
                        List.of(new Change("DELETE", null)), List.of()),
                new Endpoint("file", token -> "/v1/files/" + given().auth().oauth2(token)
                        .multiPart("file", "customers.csv", "id,email\nu-1,ann@example.com\n".getBytes(), "text/csv")
                        .multiPart("purpose", "fine-tune").post("/v1/files")
                        .then().statusCode(201).extract().path("id"),
                        "/v1/files?limit=100", "id",
                        List.of(new Change("DELETE", null)), List.of("/content")),
                new Endpoint("registered model", token -> {
                    String name = "isolated-" + System.nanoTime();
                    given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                            .post("/v1/models").then().statusCode(201);
                    return "/v1/models/" + name;
                }, "/v1/models?limit=100", "name",
                        List.of(new Change("PATCH", "{\"description\":\"changed by another tenant\"}"),
                                new Change("DELETE", null)), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anotherTenantGets404AndChangesNothing(Endpoint endpoint) {
        String owner = KeycloakTokens.accessToken(OWNER);
        String intruder = KeycloakTokens.accessToken(INTRUDER);
        String path = endpoint.create().apply(owner);
        String id = path.substring(path.lastIndexOf('/') + 1);
        String before = given().auth().oauth2(owner).get(path).then().statusCode(200).extract().asString();

        given().auth().oauth2(intruder).get(path).then().statusCode(404).contentType("application/problem+json");
        for (String read : endpoint.reads()) {
            given().auth().oauth2(intruder).get(path + read).then().statusCode(404);
            given().auth().oauth2(owner).get(path + read).then().statusCode(200);
        }
        given().auth().oauth2(intruder).get(endpoint.list()).then().statusCode(200)
                .body("data." + endpoint.listKey(), not(hasItem(id)));
        for (Change change : endpoint.changes()) {
            var request = given().auth().oauth2(intruder);
            if (change.body() != null) {
                request = request.contentType(ContentType.JSON).body(change.body());
            }
            Response response = request.request(change.method(), path);
            response.then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        }

        given().auth().oauth2(owner).get(path).then().statusCode(200).body(equalTo(before));
        given().auth().oauth2(owner).get(endpoint.list()).then().statusCode(200)
                .body("data." + endpoint.listKey(), hasItem(id));
    }
}
