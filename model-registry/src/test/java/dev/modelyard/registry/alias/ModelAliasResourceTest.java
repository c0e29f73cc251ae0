package dev.modelyard.registry.alias;

import static dev.modelyard.registry.RegistryApi.as;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import dev.modelyard.registry.Notifications;
import dev.modelyard.registry.RegistryApi;
import dev.modelyard.registry.deploy.FakeModelServerPorts;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
@QuarkusTestResource(value = FakeModelServerPorts.class, restrictToAnnotatedClass = false)
class ModelAliasResourceTest {

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @Test
    void setsMovesAndDeletesAnAliasAndKeepsItsHistory() {
        RegistryApi.register("acme", "churn-a");
        RegistryApi.register("acme", "churn-a");

        as("acme").contentType(ContentType.JSON).body("{\"version\": 1}").put("/v1/models/churn-a/aliases/production")
                .then().statusCode(200)
                .body("object", equalTo("model.alias")).body("alias", equalTo("production"))
                .body("model", equalTo("churn-a")).body("version", equalTo(1)).body("deployed", equalTo(true))
                .body("updated_by", equalTo("member@acme"));
        as("acme").get("/v1/models/churn-a/versions/1").then().body("aliases", contains("production"));

        RegistryApi.setAlias("acme", "churn-a", "production", 2);
        RegistryApi.setAlias("acme", "churn-a", "staging", 2);
        as("acme").get("/v1/models/churn-a/aliases")
                .then().statusCode(200).body("object", equalTo("list"))
                .body("data.alias", contains("production", "staging")).body("data.version", contains(2, 2))
                .body("data.deployed", contains(true, true));
        as("acme").get("/v1/models/churn-a/versions/2").then().body("aliases", contains("production", "staging"));
        as("acme").get("/v1/models/churn-a/versions/1").then().body("aliases", empty());

        as("acme").delete("/v1/models/churn-a/aliases/production")
                .then().statusCode(200).body("deleted", equalTo(true));
        as("acme").delete("/v1/models/churn-a/aliases/production").then().statusCode(404);
        as("acme").get("/v1/models/churn-a/aliases/production/history")
                .then().statusCode(200)
                .body("data.action", contains("delete", "set", "set"))
                .body("data.from_version", contains(2, 1, null))
                .body("data.to_version", contains(null, 2, 1))
                .body("data[0].by", equalTo("member@acme"))
                .body("data[2].to_version", equalTo(1));
        as("acme").get("/v1/models/churn-a/aliases/production/history?limit=1")
                .then().body("data.action", contains("delete")).body("has_more", equalTo(true));
        as("acme").get("/v1/models/churn-a/aliases/never-set/history").then().statusCode(404);
    }

    @Test
    void settingAnAliasToWhereItPointsChangesNothing() {
        RegistryApi.register("acme", "steady");
        RegistryApi.setAlias("acme", "steady", "production", 1);
        RegistryApi.setAlias("acme", "steady", "production", 1);
        as("acme").get("/v1/models/steady/aliases/production/history").then().body("data.action", contains("set"));
    }

    @Test
    void refusesBadAliasNamesAndUnknownVersions() {
        RegistryApi.register("acme", "strict-a");
        for (String bad : new String[] {"Production", "1", "42", "-x", "a".repeat(33)}) {
            as("acme").contentType(ContentType.JSON).body("{\"version\": 1}").put("/v1/models/strict-a/aliases/" + bad)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("alias"));
        }
        as("acme").contentType(ContentType.JSON).body("{\"version\": 7}").put("/v1/models/strict-a/aliases/production")
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
        as("acme").contentType(ContentType.JSON).body("{}").put("/v1/models/strict-a/aliases/production")
                .then().statusCode(400).body("errors[0].field", equalTo("version"));
    }

    @Test
    void aModelWithAliasesIsNotDeleted() {
        RegistryApi.register("acme", "served");
        RegistryApi.setAlias("acme", "served", "production", 1);
        given().header("Authorization", TestTokens.bearerAdmin("acme")).delete("/v1/models/served")
                .then().statusCode(409).contentType("application/problem+json");
        as("acme").delete("/v1/models/served/aliases/production").then().statusCode(200);
        given().header("Authorization", TestTokens.bearerAdmin("acme")).delete("/v1/models/served")
                .then().statusCode(200);
        as("acme").get("/v1/models/served/versions").then().statusCode(404);
    }

    @Test
    void notifiesListeningRoutersOfEveryMove() throws Exception {
        RegistryApi.register("acme", "watched");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "registry_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute("LISTEN " + AliasMovedNotifier.CHANNEL);
            RegistryApi.setAlias("acme", "watched", "production", 1);
            as("acme").delete("/v1/models/watched/aliases/production").then().statusCode(200);

            assertThat(Notifications.until(connection, received -> received.size() >= 2)).containsExactly("acme/watched", "acme/watched");
        }
    }

    @Test
    void anotherTenantCannotSeeOrMoveAliases() {
        RegistryApi.register("acme", "guarded");
        RegistryApi.setAlias("acme", "guarded", "production", 1);
        as("globex").get("/v1/models/guarded/aliases").then().statusCode(404);
        as("globex").get("/v1/models/guarded/aliases/production/history").then().statusCode(404);
        as("globex").contentType(ContentType.JSON).body("{\"version\": 1}").put("/v1/models/guarded/aliases/production")
                .then().statusCode(404);
        as("globex").delete("/v1/models/guarded/aliases/production").then().statusCode(404);
        as("acme").get("/v1/models/guarded/aliases").then().body("data.version", contains(1))
                .body("data[0].updated_by", equalTo("member@acme"));
    }
}
