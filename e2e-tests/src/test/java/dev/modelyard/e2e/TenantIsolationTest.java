package dev.modelyard.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelyard.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.net.URI;
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
     * @param create      creates an object as the owner (with the owner's token) and returns its path
     * @param list        the collection's path, or {@code null} when the collection is itself below an
     *                    object of the tenant (then it is one of the {@code reads})
     * @param listKey     the JSON path, in list items, of what {@code create}'s path ends with
     * @param changes     requests that would change the object: {method, path suffix, body}
     * @param reads       further paths below the object that must not be readable either
     * @param fingerprint what must be the same before and after the intruder's attempts; the whole
     *                    body, unless the object changes by itself (a running job)
     */
    record Endpoint(String name, Function<String, String> create, String list, String listKey, List<Change> changes,
                    List<String> reads, Function<Response, String> fingerprint) {

        Endpoint(String name, Function<String, String> create, String list, String listKey, List<Change> changes,
                 List<String> reads) {
            this(name, create, list, listKey, changes, reads, Response::asString);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    record Change(String method, String suffix, String body) {
        Change(String method, String body) {
            this(method, "", body);
        }
    }

    static Stream<Endpoint> endpoints() {
        return Stream.of(
                new Endpoint("api key", token -> "/v1/api-keys/" + given().auth().oauth2(token)
                        .contentType(ContentType.JSON).body("{\"name\":\"isolated\"}").post("/v1/api-keys")
                        .then().statusCode(201).extract().path("id"),
                        "/v1/api-keys?limit=100", "id",
                        List.of(new Change("DELETE", null)), List.of()),
                new Endpoint("file, its budget, DP statistics and k-anonymization", token -> "/v1/files/" + uploadFile(token),
                        "/v1/files?limit=100", "id",
                        List.of(new Change("POST", "/dp-statistics", "{\"epsilon\":1,\"statistics\":[{\"type\":\"count\"}]}"),
                                new Change("POST", "/anonymize", "{\"k\":2,\"quasi_identifiers\":[{\"column\":\"x\",\"type\":\"number\"}]}"),
                                new Change("PUT", "/budget", "{\"epsilon_total\":1}"),
                                new Change("POST", "/budget/reservations", "{\"epsilon\":1,\"purpose\":\"intrusion\"}"),
                                new Change("DELETE", null)),
                        List.of("/content", "/budget", "/budget/events")),
                new Endpoint("anonymization policy and its versions", token -> "/v1/privacy/policies/" + given().auth()
                        .oauth2(token).contentType(ContentType.JSON)
                        .body("{\"name\":\"isolated\",\"columns\":{\"zip\":{\"operator\":\"keep\"}}}")
                        .post("/v1/privacy/policies").then().statusCode(201).extract().path("id"),
                        "/v1/privacy/policies?limit=100", "id",
                        List.of(new Change("PUT", "{\"name\":\"changed by another tenant\"}")),
                        List.of("/versions", "/versions/1")),
                new Endpoint("registered model", token -> {
                    String name = "isolated-" + System.nanoTime();
                    given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"name\":\"" + name + "\"}")
                            .post("/v1/models").then().statusCode(201);
                    return "/v1/models/" + name;
                }, "/v1/models?limit=100", "name",
                        List.of(new Change("PATCH", "{\"description\":\"changed by another tenant\"}"),
                                new Change("PUT", "/traffic", "{\"weights\":{\"production\":100}}"),
                                new Change("DELETE", "/traffic", null),
                                new Change("DELETE", null)), List.of()),
                new Endpoint("model version, its artifact, tags and aliases", TenantIsolationTest::registerVersion,
                        null, null,
                        List.of(new Change("PUT", "/tags/stage", "{\"value\":\"intruded\"}"),
                                new Change("DELETE", "/tags/owner", null)),
                        List.of("/artifact", "/../../versions", "/../../aliases")),
                new Endpoint("fine-tuning job", token -> "/v1/fine_tuning/jobs/" + given().auth().oauth2(token)
                        .contentType(ContentType.JSON)
                        .body("{\"model\":\"tabular-classifier\",\"training_file\":\"" + uploadFile(token)
                                + "\",\"label_column\":\"label\",\"hyperparameters\":{\"n_epochs\":1}}")
                        .post("/v1/fine_tuning/jobs").then().statusCode(201).extract().path("id"),
                        "/v1/fine_tuning/jobs?limit=100", "id",
                        List.of(new Change("POST", "/cancel", null)), List.of("/events"),
                        // The job moves on by itself; what must hold is that nobody else cancelled it.
                        response -> response.path("id") + " cancelled=" + "cancelled".equals(response.path("status"))));
    }

    /** A small CSV with a label, enough for a file and a job that may run on it. */
    private static String uploadFile(String token) {
        StringBuilder csv = new StringBuilder("id,email,x,label\n");
        for (int row = 0; row < 40; row++) {
            csv.append("u-").append(row).append(",user").append(row).append("@example.com,").append(row % 7)
                    .append(',').append(row % 7 > 3 ? "yes" : "no").append('\n');
        }
        return given().auth().oauth2(token)
                .multiPart("file", "customers.csv", csv.toString().getBytes(), "text/csv")
                .multiPart("purpose", "fine-tune").post("/v1/files")
                .then().statusCode(201).extract().path("id");
    }

    /** An artifact, a registered model and its version 1 with a tag; returns the version's path. */
    private static String registerVersion(String token) {
        String name = "isolated-" + System.nanoTime();
        byte[] artifact = ("model bytes " + name).getBytes();
        String sha256 = given().auth().oauth2(token).contentType("application/octet-stream").body(artifact)
                .post("/v1/artifacts").then().statusCode(201).extract().path("sha256");
        given().auth().oauth2(token).contentType(ContentType.JSON).body("""
                {"artifact_sha256": "%s", "format": "onnx", "create_model": true, "tags": {"owner": "acme"},
                 "signature": {"inputs": [{"name": "features", "datatype": "FP32", "shape": [-1, 1]}],
                               "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]}]}}
                """.formatted(sha256)).post("/v1/models/" + name + "/versions").then().statusCode(201);
        given().auth().oauth2(token).get("/v1/artifacts/" + sha256).then().statusCode(200);
        return "/v1/models/" + name + "/versions/1";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void anotherTenantGets404AndChangesNothing(Endpoint endpoint) {
        String owner = KeycloakTokens.accessToken(OWNER);
        String intruder = KeycloakTokens.accessToken(INTRUDER);
        String path = endpoint.create().apply(owner);
        String id = path.substring(path.lastIndexOf('/') + 1);
        String before = endpoint.fingerprint().apply(given().auth().oauth2(owner).get(path).then().statusCode(200).extract().response());

        given().auth().oauth2(intruder).get(path).then().statusCode(404).contentType("application/problem+json");
        for (String read : endpoint.reads()) {
            String readPath = normalize(path + read);
            given().auth().oauth2(intruder).get(readPath).then().statusCode(404);
            given().auth().oauth2(owner).get(readPath).then().statusCode(200);
        }
        if (endpoint.list() != null) {
            given().auth().oauth2(intruder).get(endpoint.list()).then().statusCode(200)
                    .body("data." + endpoint.listKey(), not(hasItem(id)));
        }
        for (Change change : endpoint.changes()) {
            var request = given().auth().oauth2(intruder);
            if (change.body() != null) {
                request = request.contentType(ContentType.JSON).body(change.body());
            }
            Response response = request.request(change.method(), path + change.suffix());
            response.then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        }

        assertThat(endpoint.fingerprint().apply(given().auth().oauth2(owner).get(path).then().statusCode(200).extract().response()))
                .isEqualTo(before);
        if (endpoint.list() != null) {
            given().auth().oauth2(owner).get(endpoint.list()).then().statusCode(200)
                    .body("data." + endpoint.listKey(), hasItem(id));
        }
    }

    /** Resolves {@code ..} segments, so reads can name a sibling collection of the object. */
    private static String normalize(String path) {
        return URI.create(path).normalize().toString();
    }
}
