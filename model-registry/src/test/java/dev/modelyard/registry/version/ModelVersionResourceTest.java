package dev.modelyard.registry.version;

import static dev.modelyard.registry.RegistryApi.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import dev.modelyard.registry.RegistryApi;
import dev.modelyard.registry.deploy.FakeModelServerPorts;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
@QuarkusTestResource(value = FakeModelServerPorts.class, restrictToAnnotatedClass = false)
class ModelVersionResourceTest {

    @Test
    void registersNumberedVersionsWithWhatTheTrainerSends() {
        String sha256 = RegistryApi.upload("acme", RegistryApi.randomBytes(500));
        as("acme").contentType(ContentType.JSON).body(RegistryApi.versionBody(sha256, RegistryApi.BATCHED_SIGNATURE))
                .post("/v1/models/churn-v/versions")
                .then().statusCode(201)
                .body("object", equalTo("model.version"))
                .body("id", startsWith("mv-"))
                .body("model", equalTo("churn-v"))
                .body("version", equalTo(1))
                .body("artifact_sha256", equalTo(sha256))
                .body("artifact_size", equalTo(500))
                .body("format", equalTo("onnx"))
                .body("signature.inputs[0].shape", contains(-1, 4))
                .body("signature.outputs[1].datatype", equalTo("BYTES"))
                .body("signature.class_labels", contains("no", "yes"))
                .body("metrics.valid_accuracy", equalTo(0.91f))
                .body("metrics.history[0].loss", equalTo(0.4f))
                .body("lineage.job_id", equalTo("ftjob-1"))
                .body("lineage.epsilon", equalTo(3.0f))
                .body("aliases", empty())
                .body("created_by", equalTo("member@acme"));
        assertThat(RegistryApi.register("acme", "churn-v")).isEqualTo(2);

        as("acme").get("/v1/models/churn-v/versions/1")
                .then().statusCode(200).body("lineage.training_file", equalTo("file-1"))
                .body("signature.feature_names[0]", equalTo("age"));
    }

    @Test
    void numbersStayGapFreeWhenVersionsArriveTogether() throws Exception {
        RegistryApi.register("acme", "busy");
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Callable<Integer>> registrations = IntStream.range(0, 6)
                    .<Callable<Integer>>mapToObj(i -> () -> RegistryApi.register("acme", "busy")).toList();
            List<Integer> numbers = pool.invokeAll(registrations).stream().map(ModelVersionResourceTest::await).toList();
            assertThat(numbers).containsExactlyInAnyOrder(2, 3, 4, 5, 6, 7);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void listsNewestFirstPageByPage() {
        for (int i = 0; i < 3; i++) {
            RegistryApi.register("acme", "paged-v");
        }
        String last = as("acme").get("/v1/models/paged-v/versions?limit=2")
                .then().statusCode(200).body("object", equalTo("list"))
                .body("data.version", contains(3, 2)).body("has_more", equalTo(true))
                .extract().path("last_id");
        as("acme").get("/v1/models/paged-v/versions?limit=2&after=" + last)
                .then().statusCode(200).body("data.version", contains(1)).body("has_more", equalTo(false));
    }

    @Test
    void servesTheArtifactItWasRegisteredWith() {
        byte[] bytes = RegistryApi.randomBytes(70_000);
        String sha256 = RegistryApi.upload("acme", bytes);
        as("acme").contentType(ContentType.JSON).body(RegistryApi.versionBody(sha256, RegistryApi.BATCHED_SIGNATURE))
                .post("/v1/models/download-v/versions").then().statusCode(201);

        byte[] downloaded = as("acme").get("/v1/models/download-v/versions/1/artifact")
                .then().statusCode(200).contentType("application/octet-stream")
                .extract().asByteArray();
        assertThat(downloaded).isEqualTo(bytes);
    }

    @Test
    void tagsCanBeSetAndRemoved() {
        RegistryApi.register("acme", "tagged-v");
        as("acme").contentType(ContentType.JSON).body("{\"value\": \"passed\"}")
                .put("/v1/models/tagged-v/versions/1/tags/review")
                .then().statusCode(200).body("tags.review", equalTo("passed"));
        as("acme").get("/v1/models/tagged-v/versions/1").then().body("tags.review", equalTo("passed"));
        as("acme").delete("/v1/models/tagged-v/versions/1/tags/review")
                .then().statusCode(200).body("tags", not(hasKey("review")));
        as("acme").delete("/v1/models/tagged-v/versions/1/tags/review").then().statusCode(404);
    }

    @Test
    void badRequestsNameTheField() {
        String sha256 = RegistryApi.upload("acme", RegistryApi.randomBytes(10));
        String signature = RegistryApi.BATCHED_SIGNATURE;
        assertRefused(RegistryApi.versionBody(sha256, signature.replace("\"FP32\", \"shape\": [-1, 4]",
                "\"FLOAT\", \"shape\": [-1, 4]")), "signature.inputs[0].datatype");
        assertRefused(RegistryApi.versionBody(sha256, signature.replace("[-1, 4]", "[-1, -4]")),
                "signature.inputs[0].shape");
        assertRefused(RegistryApi.versionBody(sha256, "{\"inputs\": [], \"outputs\": [{\"name\": \"y\", "
                + "\"datatype\": \"FP32\", \"shape\": [-1]}]}"), "signature.inputs");
        assertRefused(RegistryApi.versionBody(sha256, signature).replace("\"onnx\"", "\"tflite\""), "format");
        assertRefused(RegistryApi.versionBody("0".repeat(64), signature), "artifact_sha256");
        // Another tenant's upload is no artifact of this tenant.
        assertRefused(RegistryApi.versionBody(RegistryApi.upload("globex", RegistryApi.randomBytes(10)), signature),
                "artifact_sha256");
        as("acme").contentType(ContentType.JSON).body(RegistryApi.versionBody(sha256, signature))
                .post("/v1/models/not a name/versions")
                .then().statusCode(400).body("errors[0].field", equalTo("name"));

        as("acme").contentType(ContentType.JSON)
                .body(RegistryApi.versionBody(sha256, signature).replace("\"create_model\": true", "\"create_model\": false"))
                .post("/v1/models/never-created/versions")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anotherTenantSeesNoneOfIt() {
        RegistryApi.register("acme", "private-v");
        as("globex").get("/v1/models/private-v/versions").then().statusCode(404);
        as("globex").get("/v1/models/private-v/versions/1").then().statusCode(404);
        as("globex").get("/v1/models/private-v/versions/1/artifact").then().statusCode(404);
        as("globex").contentType(ContentType.JSON).body("{\"value\": \"x\"}")
                .put("/v1/models/private-v/versions/1/tags/owner").then().statusCode(404);
        // The same name in another tenant is another model, numbered on its own.
        assertThat(RegistryApi.register("globex", "private-v")).isEqualTo(1);
        as("acme").get("/v1/models/private-v/versions/1").then().statusCode(200)
                .body("tags", not(hasKey("owner")));
        as("acme").get("/v1/models/private-v/versions").then().statusCode(200).body("data.version", contains(1));
    }

    private static void assertRefused(String body, String field) {
        as("acme").contentType(ContentType.JSON).body(body).post("/v1/models/refused-v/versions")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", startsWith(field));
    }

    private static int await(Future<Integer> registration) {
        try {
            return registration.get();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
