package dev.modelyard.launcher;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One Modelyard service as the embedded stack runs it: its own small JVM on a fixed loopback port.
 * The name is also its Maven module's folder and the name of its PID and log files.
 */
record ServiceSpec(String name, int port, boolean dataPath, List<String> extraSystemProperties) {

    /**
     * Every service, in start order: the model server first (deployments load into it), the gateway
     * last, as it fronts the others.
     */
    static List<ServiceSpec> all(PlatformHome home, Path projectDir, int gatewayPort, String keycloakUrl) {
        String privacy = "http://127.0.0.1:" + (gatewayPort + 1);
        String training = "http://127.0.0.1:" + (gatewayPort + 2);
        String registry = "http://127.0.0.1:" + (gatewayPort + 3);
        String router = "http://127.0.0.1:" + (gatewayPort + 4);
        String modelServer = "127.0.0.1:" + (gatewayPort + 5);
        String signingKey = "-Dmodelyard.internal-token.private-key-location=" + home.internalTokenPrivateKey();
        return List.of(
                new ServiceSpec("model-server", gatewayPort + 5, true, List.of()),
                new ServiceSpec("privacy", gatewayPort + 1, false, List.of()),
                new ServiceSpec("training-orchestrator", gatewayPort + 2, false, List.of(
                        signingKey,
                        "-Dmodelyard.training.services.privacy=" + privacy,
                        "-Dmodelyard.training.services.registry=" + registry,
                        "-Dmodelyard.training.trainer-jar=" + projectDir.resolve("trainer/target/trainer.jar").toAbsolutePath())),
                new ServiceSpec("model-registry", gatewayPort + 3, false, List.of(
                        "-Dmodelyard.registry.model-servers=" + modelServer)),
                new ServiceSpec("inference-router", gatewayPort + 4, true, List.of(
                        "-Dmodelyard.router.services.registry=" + registry,
                        "-Dmodelyard.router.model-servers=" + modelServer)),
                new ServiceSpec("api-gateway", gatewayPort, true, List.of(
                        "-Dmodelyard.keycloak.url=" + keycloakUrl,
                        signingKey,
                        "-Dmodelyard.gateway.services.privacy=" + privacy,
                        "-Dmodelyard.gateway.services.training=" + training,
                        "-Dmodelyard.gateway.services.registry=" + registry,
                        "-Dmodelyard.gateway.services.router=" + router,
                        "-Dmodelyard.gateway.demo-tenants=acme,globex")));
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    URI readiness() {
        return URI.create(url() + "/q/health/ready");
    }

    /** The Quarkus fast-jar the build leaves in the module. */
    Path jar(Path projectDir) {
        return projectDir.resolve(name).resolve("target/quarkus-app/quarkus-run.jar").toAbsolutePath();
    }

    /**
     * The command line: a small heap and serial GC, because eight JVMs share a laptop. Services off
     * the inference path also stop at C1, as start-up matters more for them than peak speed; the
     * gateway, the router and the model server get the full JIT, as every inference crosses them.
     */
    List<String> command(Path java, PlatformHome home, String jdbcUrl, Path projectDir) {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC"));
        if (!dataPath) {
            command.add("-XX:TieredStopAtLevel=1");
        }
        command.addAll(List.of(
                "--enable-native-access=ALL-UNNAMED",
                "-Dmodelyard.home=" + home.dir(),
                "-Dmodelyard.db.url=" + jdbcUrl,
                "-Dquarkus.http.port=" + port,
                "-Dquarkus.http.host=127.0.0.1"));
        command.addAll(extraSystemProperties);
        command.add("-jar");
        command.add(jar(projectDir).toString());
        return command;
    }
}
