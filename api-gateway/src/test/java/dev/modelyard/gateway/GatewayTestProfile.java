package dev.modelyard.gateway;

import dev.modelyard.testsupport.KeycloakResource;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/** Real PostgreSQL, real Keycloak, and the echo service behind the gateway. */
public class GatewayTestProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(PostgresResource.class, Map.of("database", "modelyard_test_gateway")),
                new TestResourceEntry(KeycloakResource.class),
                new TestResourceEntry(EchoServiceResource.class));
    }
}
