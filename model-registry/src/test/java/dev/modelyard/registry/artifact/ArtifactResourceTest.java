package dev.modelyard.registry.artifact;

import static dev.modelyard.registry.RegistryApi.as;
import static dev.modelyard.registry.RegistryApi.randomBytes;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import dev.modelyard.registry.RegistryApi;
import dev.modelyard.registry.deploy.FakeModelServerPorts;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
@QuarkusTestResource(value = FakeModelServerPorts.class, restrictToAnnotatedClass = false)
class ArtifactResourceTest {

    @Test
    void uploadsByContentAndDescribesTheArtifact() throws Exception {
        byte[] bytes = randomBytes(3000);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));

        as("acme").contentType(ContentType.BINARY).body(bytes).post("/v1/artifacts")
                .then().statusCode(201)
                .body("object", equalTo("artifact")).body("sha256", equalTo(sha256)).body("size", equalTo(3000));
        // The same bytes again are the same artifact.
        as("acme").contentType(ContentType.BINARY).body(bytes).post("/v1/artifacts")
                .then().statusCode(201).body("sha256", equalTo(sha256));

        as("acme").get("/v1/artifacts/" + sha256)
                .then().statusCode(200).body("size", equalTo(3000)).body("created_at", greaterThan(0));
    }

    @Test
    void refusesEmptyAndOversizedUploads() {
        as("acme").contentType(ContentType.BINARY).body(new byte[0]).post("/v1/artifacts")
                .then().statusCode(400).contentType("application/problem+json");
        // The test profile allows 1 MiB.
        as("acme").contentType(ContentType.BINARY).body(randomBytes(1024 * 1024 + 1)).post("/v1/artifacts")
                .then().statusCode(413).contentType("application/problem+json")
                .body("type", endsWith("/artifact-too-large"));
    }

    @Test
    void anotherTenantsArtifactDoesNotExist() {
        String sha256 = RegistryApi.upload("acme", randomBytes(100));
        as("globex").get("/v1/artifacts/" + sha256)
                .then().statusCode(404).contentType("application/problem+json");
    }
}
