package dev.modelyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DownTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void stopsTheProcessesItsPidFilesNameAndRemovesTheFiles() throws Exception {
        PlatformHome home = new PlatformHome(dir);
        Process privacy = new ProcessBuilder("sleep", "60").start();
        Process gateway = new ProcessBuilder("sleep", "60").start();
        try {
            home.pidFile("privacy").write(privacy.toHandle());
            home.pidFile("api-gateway").write(gateway.toHandle());

            int exit = new Down(stack(home)).run();

            assertThat(exit).isZero();
            assertThat(privacy.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(gateway.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(home.pidFile("privacy").path()).doesNotExist();
            assertThat(home.pidFile("api-gateway").path()).doesNotExist();
            assertThat(printed()).containsSubsequence("Stopping api-gateway (pid " + gateway.pid(),
                    "Stopping privacy (pid " + privacy.pid(), "Modelyard is down.");
        } finally {
            privacy.destroyForcibly();
            gateway.destroyForcibly();
        }
    }

    @Test
    void leavesAloneAProcessWhosePidWasReused() throws Exception {
        PlatformHome home = new PlatformHome(dir);
        Process stranger = new ProcessBuilder("sleep", "60").start();
        try {
            Files.createDirectories(home.runDir());
            Files.writeString(home.pidFile("keycloak").path(), stranger.pid() + "\n2001-01-01T00:00:00Z\n");

            new Down(stack(home)).run();

            assertThat(stranger.isAlive()).isTrue();
            assertThat(home.pidFile("keycloak").path()).doesNotExist();
            assertThat(printed()).contains("Nothing was running.");
        } finally {
            stranger.destroyForcibly();
        }
    }

    private Stack stack(PlatformHome home) {
        return new Stack(home, dir, Map.of(), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
