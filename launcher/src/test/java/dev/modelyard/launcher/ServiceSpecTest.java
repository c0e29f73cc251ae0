package dev.modelyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceSpecTest {

    private final PlatformHome home = new PlatformHome(Path.of("/repo/.platform"));
    private final Path projectDir = Path.of("/repo");
    private final Path java = Path.of("/jdk/bin/java");

    @Test
    void servicesStartInOrderOnTheirFixedPorts() {
        assertThat(ServiceSpec.all(home, projectDir, 8080, "http://127.0.0.1:8180")).extracting(ServiceSpec::name, ServiceSpec::port).containsExactly(
                tuple("model-server", 8085),
                tuple("privacy", 8081),
                tuple("training-orchestrator", 8082),
                tuple("model-registry", 8083),
                tuple("inference-router", 8084),
                tuple("api-gateway", 8080));
    }

    @Test
    void aServiceRunsItsQuarkusJarInASmallJvmBoundToLoopback() {
        ServiceSpec privacy = service("privacy");

        List<String> command = privacy.command(java, home, "jdbc:postgresql://127.0.0.1:5432/modelyard", projectDir);

        assertThat(command).containsExactly("/jdk/bin/java",
                "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "-Dmodelyard.home=/repo/.platform",
                "-Dmodelyard.db.url=jdbc:postgresql://127.0.0.1:5432/modelyard",
                "-Dquarkus.http.port=8081",
                "-Dquarkus.http.host=127.0.0.1",
                "-jar", "/repo/privacy/target/quarkus-app/quarkus-run.jar");
        assertThat(privacy.readiness()).hasToString("http://127.0.0.1:8081/q/health/ready");
    }

    @Test
    void theGatewayAlsoLearnsKeycloakItsSigningKeyTheServicesAndTheDemoTenants() {
        List<String> command = service("api-gateway").command(java, home, "jdbc:postgresql://127.0.0.1:54329/modelyard", projectDir);

        assertThat(command).containsSubsequence(
                "-Dquarkus.http.port=8080",
                "-Dquarkus.http.host=127.0.0.1",
                "-Dmodelyard.keycloak.url=http://127.0.0.1:8180",
                "-Dmodelyard.internal-token.private-key-location=/repo/.platform/keys/internal-token.key",
                "-Dmodelyard.gateway.services.privacy=http://127.0.0.1:8081",
                "-Dmodelyard.gateway.services.training=http://127.0.0.1:8082",
                "-Dmodelyard.gateway.services.registry=http://127.0.0.1:8083",
                "-Dmodelyard.gateway.services.router=http://127.0.0.1:8084",
                "-Dmodelyard.gateway.demo-tenants=acme,globex",
                "-jar", "/repo/api-gateway/target/quarkus-app/quarkus-run.jar");
        assertThat(command).contains("-Dmodelyard.db.url=jdbc:postgresql://127.0.0.1:54329/modelyard");
    }

    @Test
    void theDataPathIsWiredRegistryAndRouterToTheModelServerTheOrchestratorToTheTrainer() {
        assertThat(service("model-registry").extraSystemProperties())
                .contains("-Dmodelyard.registry.model-servers=127.0.0.1:8085");
        assertThat(service("inference-router").extraSystemProperties()).contains(
                "-Dmodelyard.router.services.registry=http://127.0.0.1:8083",
                "-Dmodelyard.router.model-servers=127.0.0.1:8085");
        assertThat(service("training-orchestrator").extraSystemProperties()).contains(
                "-Dmodelyard.internal-token.private-key-location=/repo/.platform/keys/internal-token.key",
                "-Dmodelyard.training.services.privacy=http://127.0.0.1:8081",
                "-Dmodelyard.training.services.registry=http://127.0.0.1:8083",
                "-Dmodelyard.training.trainer-jar=/repo/trainer/target/trainer.jar");
    }

    private ServiceSpec service(String name) {
        return ServiceSpec.all(home, projectDir, 8080, "http://127.0.0.1:8180").stream().filter(service -> service.name().equals(name)).findFirst().orElseThrow();
    }
}
