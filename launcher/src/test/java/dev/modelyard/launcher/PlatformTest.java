package dev.modelyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlatformTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

    @Test
    void helpListsTheCommands() {
        assertThat(Platform.run(new String[] {"help"}, out)).isZero();
        assertThat(printed()).contains("up [--allow-missing]", "down", "status", "demo", "logs [component]");
    }

    @Test
    void noCommandMeansHelp() {
        assertThat(Platform.run(new String[0], out)).isZero();
        assertThat(printed()).startsWith("Usage: ./platform");
    }

    @Test
    void anUnknownCommandOrStrayArgumentIsAUsageError() {
        assertThat(Platform.run(new String[] {"start"}, out)).isEqualTo(2);
        assertThat(Platform.run(new String[] {"down", "--allow-missing"}, out)).isEqualTo(2);
        assertThat(printed()).contains("Unknown command: start", "Unexpected arguments: --allow-missing");
    }

    @Test
    void logsOfAnUnknownComponentNamesTheKnownOnes() {
        assertThat(Platform.run(new String[] {"logs", "nope"}, out)).isEqualTo(2);
        assertThat(printed()).contains("No component named nope", "postgres", "keycloak", "api-gateway");
    }

    @Test
    void statusReportsStoppedComponentsWithoutProbingThem() {
        PlatformHome home = new PlatformHome(dir);
        int unusedPort = Ports.anyFree();
        Stack stack = new Stack(home, dir, Map.of("MODELYARD_PG_PORT", Integer.toString(unusedPort)), out);

        assertThat(new Status(stack).run()).isZero();

        assertThat(printed()).contains("postgres", "external", "127.0.0.1:" + unusedPort, "not answering");
        assertThat(printed().lines().filter(line -> line.contains("stopped")).count()).isEqualTo(7);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
