package dev.modelyard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded stack's folder ({@code .platform/} at the repository root): PID files, logs, the
 * internal-token keys, Keycloak's and the embedded PostgreSQL's data, and the services' blobs.
 */
record PlatformHome(Path dir) {

    PlatformHome {
        dir = dir.toAbsolutePath().normalize();
    }

    /** The folder named by {@code -Dmodelyard.home}, {@code ./.platform} by default. */
    static PlatformHome fromSystemProperties() {
        return new PlatformHome(Path.of(System.getProperty("modelyard.home", ".platform")));
    }

    Path runDir() {
        return dir.resolve("run");
    }

    Path logsDir() {
        return dir.resolve("logs");
    }

    Path keysDir() {
        return dir.resolve("keys");
    }

    Path keycloakData() {
        return dir.resolve("keycloak-data");
    }

    Path postgresData() {
        return dir.resolve("pgdata");
    }

    Path blobs() {
        return dir.resolve("blobs");
    }

    Path internalTokenPrivateKey() {
        return keysDir().resolve("internal-token.key");
    }

    Path internalTokenPublicKey() {
        return keysDir().resolve("internal-token.pub");
    }

    PidFile pidFile(String component) {
        return new PidFile(runDir().resolve(component + ".pid"));
    }

    Path logFile(String component) {
        return logsDir().resolve(component + ".log");
    }

    /** Written by {@link EmbeddedPostgresMain} once its database accepts connections. */
    Path postgresReadyMarker() {
        return runDir().resolve("postgres.ready");
    }

    void createLayout() {
        try {
            for (Path folder : new Path[] {runDir(), logsDir(), keysDir(), keycloakData(), blobs()}) {
                Files.createDirectories(folder);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + dir, e);
        }
    }
}
