package dev.modelyard.registry.traffic;

import static dev.modelyard.registry.RegistryApi.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import dev.modelyard.registry.RegistryApi;
import dev.modelyard.registry.deploy.FakeModelServerPorts;
import dev.modelyard.registry.deploy.FakeModelServers;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
@QuarkusTestResource(value = FakeModelServerPorts.class, restrictToAnnotatedClass = false)
class TrafficSplitResourceTest {

    @Inject
    FakeModelServers servers;

    @Test
    void aCanarySplitsTheDefaultReferenceByWeightAndKeepsItsHistory() {
        deploy("canary");
        put("acme", "canary", "{\"weights\": {\"production\": 90, \"candidate\": 10}}").statusCode(200)
                .body("object", equalTo("model.traffic_split"))
                .body("weights.production", equalTo(90))
                .body("weights.candidate", equalTo(10))
                .body("revision", equalTo(1));

        as("acme").get("/v1/models/canary/serving").then().statusCode(200)
                .body("version", equalTo(1))
                .body("traffic.alias", contains("candidate", "production"))
                .body("traffic.weight", contains(10, 90))
                .body("traffic.serving.version", contains(2, 1))
                .body("traffic[0].serving.backends", containsInAnyOrder(servers.targets().toArray()));
        as("acme").get("/v1/models/canary@production/serving").then().body("traffic.weight", contains(10, 90));
        as("acme").get("/v1/models/canary/serving?ref=candidate").then().statusCode(200)
                .body("version", equalTo(2)).body("traffic", nullValue());
        as("acme").get("/v1/models/canary/serving?ref=1").then().body("traffic", nullValue());

        put("acme", "canary", "{\"weights\": {\"production\": 50, \"candidate\": 50}}").statusCode(200)
                .body("revision", equalTo(2));
        as("acme").delete("/v1/models/canary/traffic").then().statusCode(200).body("deleted", equalTo(true));
        as("acme").get("/v1/models/canary/traffic").then().statusCode(404);
        as("acme").get("/v1/models/canary/serving").then().body("version", equalTo(1)).body("traffic", nullValue());

        as("acme").get("/v1/models/canary/traffic/history").then().statusCode(200)
                .body("data.revision", contains(3, 2, 1))
                .body("data.action", contains("delete", "set", "set"))
                .body("data[1].weights.candidate", equalTo(50))
                .body("data[0].weights", nullValue());
        as("acme").get("/v1/models/canary/traffic/history?limit=1&after=3").then().body("data.revision", contains(2));
    }

    @Test
    void refusesWeightsThatAreNotASplitNamingTheFieldAtFault() {
        deploy("refused-split");
        put("acme", "refused-split", "{\"weights\": {\"production\": 90, \"canary\": 10}}").statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", contains("weights.canary"));
        put("acme", "refused-split", "{\"weights\": {\"production\": 90, \"candidate\": 20}}").statusCode(400)
                .body("errors[0].field", equalTo("weights"))
                .body("errors[0].message", endsWith("(they add up to 110)"));
        put("acme", "refused-split", "{\"weights\": {}}").statusCode(400).body("errors.field", contains("weights"));
        put("acme", "refused-split", "{}").statusCode(400).body("errors.field", hasItem("weights"));
        as("acme").get("/v1/models/refused-split/traffic").then().statusCode(404);
    }

    @Test
    void anAliasWithAShareCannotBeDeletedAndAnotherTenantSeesNothing() {
        deploy("guarded");
        put("acme", "guarded", "{\"weights\": {\"production\": 80, \"candidate\": 20}}").statusCode(200);
        as("acme").delete("/v1/models/guarded/aliases/candidate").then().statusCode(409)
                .body("type", endsWith("/alias-in-traffic-split"));

        as("globex").get("/v1/models/guarded/traffic").then().statusCode(404);
        put("globex", "guarded", "{\"weights\": {\"production\": 100}}").statusCode(404);
        as("globex").delete("/v1/models/guarded/traffic").then().statusCode(404);
        as("globex").get("/v1/models/guarded/traffic/history").then().statusCode(404);
    }

    /** Two versions: production → 1, candidate → 2. */
    private static void deploy(String model) {
        RegistryApi.register("acme", model);
        RegistryApi.register("acme", model);
        RegistryApi.setAlias("acme", model, "production", 1);
        RegistryApi.setAlias("acme", model, "candidate", 2);
    }

    private static ValidatableResponse put(String tenant, String model, String body) {
        return as(tenant).contentType(ContentType.JSON).body(body).put("/v1/models/" + model + "/traffic").then();
    }
}
