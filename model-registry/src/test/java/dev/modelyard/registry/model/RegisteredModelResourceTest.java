package dev.modelyard.registry.model;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_registry"))
class RegisteredModelResourceTest {

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @Test
    void createsReadsUpdatesListsAndDeletesAModel() {
        given().header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body("{\"name\":\"churn\",\"description\":\"Churn classifier\",\"tags\":{\"team\":\"growth\"}}")
                .post("/v1/models")
                .then().statusCode(201)
                .body("id", org.hamcrest.Matchers.startsWith("rm-"))
                .body("name", equalTo("churn"))
                .body("tags.team", equalTo("growth"));

        given().header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body("{\"description\":\"Churn, v2\"}")
                .patch("/v1/models/churn")
                .then().statusCode(200).body("description", equalTo("Churn, v2")).body("tags.team", equalTo("growth"));

        given().header("Authorization", "Bearer " + TestTokens.member("acme"))
                .get("/v1/models")
                .then().statusCode(200).body("object", equalTo("list")).body("data.name", hasItem("churn"));

        given().header("Authorization", TestTokens.bearerAdmin("acme"))
                .delete("/v1/models/churn")
                .then().statusCode(200).body("deleted", equalTo(true));
        given().header("Authorization", TestTokens.bearerAdmin("acme"))
                .get("/v1/models/churn")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void anotherTenantSeesNothingAndChangesNothing() {
        create("acme", "fraud");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/models/fraud")
                .then().statusCode(404).contentType("application/problem+json").body("status", equalTo(404));
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/models")
                .then().statusCode(200).body("data.name", not(hasItem("fraud")));
        given().header("Authorization", TestTokens.bearerAdmin("globex")).contentType(ContentType.JSON)
                .body("{\"description\":\"taken over\"}").patch("/v1/models/fraud")
                .then().statusCode(404);
        given().header("Authorization", TestTokens.bearerAdmin("globex")).delete("/v1/models/fraud")
                .then().statusCode(404);
        // The same name is free in another tenant.
        create("globex", "fraud");
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/models/fraud")
                .then().statusCode(200).body("description", equalTo(null));
    }

    @Test
    void rowLevelSecurityHoldsEvenWithoutTheOrmFilter() throws Exception {
        create("acme", "rls-probe");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "registry_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            assertThat(count(sql, "select count(*) from registry.registered_model")).isZero();
            sql.execute("select set_config('modelyard.tenant', 'globex', false)");
            assertThat(count(sql, "select count(*) from registry.registered_model where name = 'rls-probe'")).isZero();
            sql.execute("select set_config('modelyard.tenant', 'acme', false)");
            assertThat(count(sql, "select count(*) from registry.registered_model where name = 'rls-probe'")).isOne();
            sql.execute("select set_config('modelyard.tenant', 'globex', false)");
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.execute(
                    "insert into registry.registered_model(id, tenant_id, name, created_at, updated_at) "
                            + "values ('rm-x', 'acme', 'smuggled', now(), now())"))
                    .hasMessageContaining("row-level security");
            try (ResultSet role = sql.executeQuery("select rolbypassrls, rolsuper from pg_roles where rolname = current_user")) {
                role.next();
                assertThat(role.getBoolean(1)).isFalse();
                assertThat(role.getBoolean(2)).isFalse();
            }
        }
    }

    @Test
    void refusesMissingAndForgedCredentials() {
        given().get("/v1/models").then().statusCode(401).contentType("application/problem+json");
        given().header("Authorization", "Bearer not-a-token").get("/v1/models")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void membersCannotDelete() {
        create("acme", "keep-me");
        given().header("Authorization", "Bearer " + TestTokens.member("acme")).delete("/v1/models/keep-me")
                .then().statusCode(403).contentType("application/problem+json");
    }

    @Test
    void badInputNamesTheField() {
        given().header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body("{\"name\":\"no spaces allowed\"}").post("/v1/models")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("name"));
        given().header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body("{\"name\": ").post("/v1/models")
                .then().statusCode(400).contentType("application/problem+json");
        create("acme", "twice");
        given().header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body("{\"name\":\"twice\"}").post("/v1/models")
                .then().statusCode(409).contentType("application/problem+json");
    }

    @Test
    void paginatesNewestFirst() {
        for (int i = 0; i < 3; i++) {
            create("paging", "m" + i);
        }
        String last = given().header("Authorization", TestTokens.bearerAdmin("paging")).get("/v1/models?limit=2")
                .then().statusCode(200).body("data.name", org.hamcrest.Matchers.contains("m2", "m1"))
                .body("has_more", equalTo(true)).extract().path("last_id");
        given().header("Authorization", TestTokens.bearerAdmin("paging")).get("/v1/models?limit=2&after=" + last)
                .then().statusCode(200).body("data.name", org.hamcrest.Matchers.contains("m0"))
                .body("has_more", equalTo(false));
        given().header("Authorization", TestTokens.bearerAdmin("paging")).get("/v1/models?limit=0")
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    private static void create(String tenant, String name) {
        given().header("Authorization", TestTokens.bearerAdmin(tenant)).contentType(ContentType.JSON)
                .body("{\"name\":\"" + name + "\"}").post("/v1/models").then().statusCode(201);
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
