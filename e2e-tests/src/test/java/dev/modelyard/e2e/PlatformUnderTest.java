package dev.modelyard.e2e;

import dev.modelyard.launcher.EmbeddedPlatform;
import io.restassured.RestAssured;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the whole platform once for the test JVM, from the jars the build produced, on ports of its
 * own (so a running {@code ./platform up} does not get in the way); the platform stops itself when the JVM exits.
 */
public class PlatformUnderTest implements BeforeAllCallback {

    /** Gateway on 18080, services on 18081–18085, Keycloak on 18180. */
    static final int PORT_BASE = 18080;

    private static EmbeddedPlatform platform;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start();
    }

    public static synchronized EmbeddedPlatform start() throws Exception {
        if (platform == null) {
            Path project = Path.of(System.getProperty("modelyard.project.dir", "..")).toAbsolutePath().normalize();
            platform = EmbeddedPlatform.start(project, project.resolve("e2e-tests/target/platform-home"), PORT_BASE);
            RestAssured.baseURI = platform.gatewayUrl();
            RestAssured.port = -1;
            System.setProperty("modelyard.test.keycloak.url", platform.keycloakUrl());
        }
        return platform;
    }
}
