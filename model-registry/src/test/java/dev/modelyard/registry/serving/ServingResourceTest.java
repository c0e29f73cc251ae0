package dev.modelyard.registry.serving;

import static dev.modelyard.registry.RegistryApi.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import dev.modelyard.registry.RegistryApi;
import dev.modelyard.registry.deploy.FakeModelServerPorts;
import dev.modelyard.registry.deploy.FakeModelServers;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
@QuarkusTestResource(value = FakeModelServerPorts.class, restrictToAnnotatedClass = false)
class ServingResourceTest {

    private static String servingName;

    @Inject
    FakeModelServers servers;

    /** Once per class: fraud-s with production → 1, staging → 2 and version 3 registered but not deployed. */
    @BeforeEach
    void deployFraud() {
        if (servingName != null) {
            return;
        }
        for (int i = 0; i < 3; i++) {
            RegistryApi.register("acme", "fraud-s");
        }
        RegistryApi.setAlias("acme", "fraud-s", "production", 1);
        RegistryApi.setAlias("acme", "fraud-s", "staging", 2);
        servingName = RegistryApi.servingName("acme", "fraud-s");
    }

    @Test
    void resolvesTheProductionAliasByDefault() {
        as("acme").get("/v1/models/fraud-s/serving")
                .then().statusCode(200)
                .body("model", equalTo("fraud-s"))
                .body("version", equalTo(1))
                .body("serving_name", equalTo(servingName))
                .body("serving_version", equalTo("1"))
                .body("inputs[0].name", equalTo("features"))
                .body("inputs[0].shape", contains(-1, 4))
                .body("outputs.name", contains("probabilities", "label"))
                .body("class_labels", contains("no", "yes"))
                .body("backends", containsInAnyOrder(servers.targets().toArray()));
    }

    @Test
    void resolvesAliasesAndVersionNumbersEitherWay() {
        as("acme").get("/v1/models/fraud-s/serving?ref=staging").then().statusCode(200).body("version", equalTo(2));
        as("acme").get("/v1/models/fraud-s/serving?ref=2").then().statusCode(200)
                .body("version", equalTo(2)).body("serving_version", equalTo("2"));
        as("acme").get("/v1/models/fraud-s@staging/serving").then().statusCode(200).body("version", equalTo(2));
        as("acme").get("/v1/models/fraud-s@1/serving").then().statusCode(200).body("version", equalTo(1));
        as("acme").get("/v1/models/fraud-s@1/serving?ref=2").then().statusCode(400)
                .body("errors[0].field", equalTo("ref"));
    }

    @Test
    void unknownReferencesAreNotFoundAndUndeployedVersionsConflict() {
        as("acme").get("/v1/models/fraud-s/serving?ref=canary").then().statusCode(404)
                .contentType("application/problem+json");
        as("acme").get("/v1/models/fraud-s/serving?ref=9").then().statusCode(404);
        as("acme").get("/v1/models/no-such-model/serving").then().statusCode(404);
        as("acme").get("/v1/models/fraud-s/serving?ref=3").then().statusCode(409)
                .contentType("application/problem+json").body("type", endsWith("/not-deployed"));

        RegistryApi.register("acme", "no-production");
        RegistryApi.setAlias("acme", "no-production", "staging", 1);
        as("acme").get("/v1/models/no-production/serving").then().statusCode(404);
    }

    @Test
    void anotherTenantResolvesNothing() {
        as("globex").get("/v1/models/fraud-s/serving").then().statusCode(404);
        as("globex").get("/v1/models/fraud-s/serving?ref=1").then().statusCode(404);
    }
}
