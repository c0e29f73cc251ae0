package dev.modelyard.testsupport;

import dev.modelyard.launcher.KeycloakServer;
import dev.modelyard.launcher.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The real Keycloak with the modelyard realm, started at most once per test JVM (it takes ~15 s)
 * on a free port with a fresh database, and stopped when the JVM exits.
 */
public class KeycloakResource implements QuarkusTestResourceLifecycleManager {

    private static KeycloakServer server;

    @Override
    public Map<String, String> start() {
        KeycloakServer keycloak = ensureStarted();
        return Map.of("modelyard.keycloak.url", keycloak.url());
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; the shutdown hook stops it.
    }

    /**
     * The Keycloak tests talk to: the one named by the system property {@code modelyard.test.keycloak.url}
     * (a whole stack under test brings its own), otherwise this JVM's own, started on first use.
     */
    public static String url() {
        String external = System.getProperty("modelyard.test.keycloak.url");
        return external != null ? external : ensureStarted().url();
    }

    public static String issuer() {
        return url() + "/realms/" + KeycloakServer.REALM;
    }

    /** Starts Keycloak on first use and returns the running instance. */
    public static synchronized KeycloakServer ensureStarted() {
        if (server != null) {
            return server;
        }
        Path home = Path.of(System.getProperty("modelyard.home", "../.platform"));
        Path data = Path.of("target", "keycloak-test").toAbsolutePath();
        deleteRecursively(data);
        KeycloakServer keycloak = new KeycloakServer(home, data, Ports.anyFree());
        try {
            Process process = keycloak.processBuilder(data.resolve("keycloak.log")).start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                process.descendants().forEach(ProcessHandle::destroy);
                process.destroy();
            }));
            keycloak.awaitReady(Duration.ofMinutes(3), process);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start Keycloak", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        server = keycloak;
        return keycloak;
    }

    private static void deleteRecursively(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
