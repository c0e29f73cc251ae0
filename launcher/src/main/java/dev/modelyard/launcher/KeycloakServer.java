package dev.modelyard.launcher;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The real Keycloak distribution (unpacked from Maven Central by the build) running {@code start-dev}
 * on 127.0.0.1 with the {@code modelyard} realm imported. Each instance keeps its own H2 database
 * under its data folder, so the embedded stack and a test run never share state.
 */
public final class KeycloakServer {

    public static final String VERSION = "26.4.5";
    public static final String REALM = "modelyard";
    public static final String REALM_RESOURCE = "keycloak/modelyard-realm.json";
    public static final String BOOTSTRAP_ADMIN = "admin";
    public static final String BOOTSTRAP_PASSWORD = "admin";

    private final Path distribution;
    private final Path dataDir;
    private final int port;

    public KeycloakServer(Path home, Path dataDir, int port) {
        this.distribution = home.resolve("dist").resolve("keycloak-" + VERSION);
        this.dataDir = dataDir;
        this.port = port;
        if (!Files.isExecutable(distribution.resolve("bin/kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at " + distribution
                    + "; build the project first (./mvnw install) so the launcher module unpacks it");
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public String issuer() {
        return url() + "/realms/" + REALM;
    }

    /** The command and environment that start this instance; the caller owns the process. */
    public ProcessBuilder processBuilder(Path logFile) {
        try {
            // start-dev --import-realm reads <distribution>/data/import; the realm file is the same for every instance.
            Path importDir = distribution.resolve("data/import");
            Files.createDirectories(importDir);
            Files.createDirectories(dataDir);
            try (InputStream realm = KeycloakServer.class.getClassLoader().getResourceAsStream(REALM_RESOURCE)) {
                Files.copy(realm, importDir.resolve("modelyard-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            }
            Files.createDirectories(logFile.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of(distribution.resolve("bin/kc.sh").toString(), "start-dev",
                // A fixed hostname: tokens name the same issuer whether fetched via 127.0.0.1 or localhost.
                "--http-host=127.0.0.1", "--http-port=" + port, "--hostname=" + url(),
                "--db=dev-file",
                "--db-url=jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("h2/keycloakdb") + ";NON_KEYWORDS=VALUE",
                "--import-realm",
                // Health on a free port, unused here: the fixed default, 9000, would keep the embedded stack's
                // Keycloak and a test run's from running side by side.
                "--health-enabled=true", "--http-management-port=" + Ports.anyFree(), "--log-level=info"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", BOOTSTRAP_ADMIN);
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", BOOTSTRAP_PASSWORD);
        // Brute-force protection stays on, but Keycloak 26 otherwise refuses a login that arrives while
        // the same user's previous one is still being recorded: scripts and tests log in back to back.
        builder.environment().put("KC_SPI_BRUTE_FORCE_PROTECTOR_DEFAULT_BRUTE_FORCE_DETECTOR_ALLOW_CONCURRENT_REQUESTS", "true");
        builder.environment().put("JAVA_OPTS_APPEND", "-Xms64m -Xmx512m -XX:TieredStopAtLevel=1 --add-opens=java.base/java.lang=ALL-UNNAMED");
        return builder;
    }

    /** Waits until the realm's discovery document answers, or fails after the timeout. */
    public void awaitReady(Duration timeout, Process process) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (process != null && !process.isAlive()) {
                throw new IllegalStateException("Keycloak exited with code " + process.exitValue());
            }
            try {
                HttpResponse<Void> response = http.send(HttpRequest.newBuilder(discovery).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("Keycloak did not become ready within " + timeout);
    }
}
