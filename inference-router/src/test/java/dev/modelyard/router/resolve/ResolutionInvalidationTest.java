package dev.modelyard.router.resolve;

import static dev.modelyard.router.InferRequests.inferOneRow;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelyard.router.FakeBackends;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_router"))
@QuarkusTestResource(value = FakeBackends.class, restrictToAnnotatedClass = false)
class ResolutionInvalidationTest {

    @ConfigProperty(name = "modelyard.router.services.registry")
    String registry;

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @Test
    void reusesAResolutionUntilTheRegistryAnnouncesThatAnAliasMoved() throws Exception {
        inferOneRow("acme", "churn").statusCode(200);
        inferOneRow("globex", "fraud").statusCode(200);
        int churnLookups = registryLookups("acme/churn/production");
        int fraudLookups = registryLookups("globex/fraud/production");

        inferOneRow("acme", "churn").statusCode(200);
        assertThat(registryLookups("acme/churn/production")).isEqualTo(churnLookups);

        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresResource.OWNER, PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
                sql.execute("NOTIFY registry_alias_moved, 'acme/churn'");
                inferOneRow("acme", "churn").statusCode(200);
                return registryLookups("acme/churn/production") > churnLookups;
            });
        }
        inferOneRow("globex", "fraud").statusCode(200);
        assertThat(registryLookups("globex/fraud/production")).isEqualTo(fraudLookups);
    }

    private int registryLookups(String reference) {
        return Integer.parseInt(given().baseUri(registry).queryParam("key", reference).get("/calls").asString());
    }
}
