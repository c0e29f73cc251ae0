package dev.modelyard.launcher;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the embedded PostgreSQL in a JVM of its own so that it outlives the launcher: starts it on
 * the given port and data folder (kept between runs), writes the ready marker, and blocks. Stopping
 * this process stops PostgreSQL too, through the shutdown hook zonky registers.
 *
 * <p>Arguments: data folder, port, ready-marker file.
 */
public final class EmbeddedPostgresMain {

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: EmbeddedPostgresMain <data-dir> <port> <ready-marker>");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        Path readyMarker = Path.of(args[2]);
        Files.deleteIfExists(readyMarker);
        Files.createDirectories(dataDir);

        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // initdb plus the first start can take a while on a busy two-core laptop.
                .setPGStartupWait(Duration.ofMinutes(2))
                .setOutputRedirector(ProcessBuilder.Redirect.INHERIT)
                .setErrorRedirector(ProcessBuilder.Redirect.INHERIT)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteQuietly(readyMarker)));
        Files.writeString(readyMarker, postgres.getJdbcUrl("postgres", "postgres") + "\n");
        System.out.println("Embedded PostgreSQL ready on 127.0.0.1:" + port + ", data in " + dataDir);
        new CountDownLatch(1).await();
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The launcher deletes a stale marker before the next start anyway.
        }
    }
}
