package dev.modelyard.training.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.training.TestConfigs;
import dev.modelyard.training.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalProcessExecutorTest {

    @TempDir
    Path dir;

    @Test
    void aRestartedOrchestratorReattachesByProcessIdAndStartTime() throws Exception {
        JobFolder folder = folder();
        TrainerHandle handle = executor(List.of("sh", "-c", "echo '{\"type\":\"started\"}'; sleep 30", "trainer"))
                .launch("acme", folder, null);
        LocalProcessExecutor restarted = executor(List.of("unused"));
        try {
            assertThat(restarted.state(handle)).isEqualTo(new TrainerState.Running());
            assertThat(restarted.state(new TrainerHandle(handle.trainer(), handle.startedAt().minusSeconds(60))))
                    .as("the same id with another start time is another process").isEqualTo(new TrainerState.Vanished());
            awaitLine(folder);
            assertThat(Files.readString(folder.progress())).contains("started");
        } finally {
            restarted.kill(handle);
        }
        assertThat(ProcessHandle.of(Long.parseLong(handle.trainer())).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(restarted.state(handle)).isEqualTo(new TrainerState.Vanished());
    }

    @Test
    void knowsTheExitCodeOfTrainersItStarted() throws Exception {
        LocalProcessExecutor executor = executor(List.of("sh", "-c", "echo oops >&2; exit 3", "trainer"));
        JobFolder folder = folder();
        TrainerHandle handle = executor.launch("acme", folder, null);
        TrainerState ended = Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> executor.state(handle), state -> !(state instanceof TrainerState.Running));
        assertThat(ended).isEqualTo(new TrainerState.Exited(OptionalInt.of(3)));
        assertThat(Files.readString(folder.log())).isEqualTo("oops\n");
    }

    @Test
    void refusesToLaunchAMissingTrainerJar() {
        LocalProcessExecutor executor = new LocalProcessExecutor(config(Optional.empty(), dir.resolve("none.jar").toString()));
        assertThatThrownBy(() -> executor.launch("acme", folder(), null)).isInstanceOf(IOException.class).hasMessageContaining("none.jar");
    }

    private JobFolder folder() throws IOException {
        JobFolder folder = JobFolder.of(dir, "ftjob-" + System.nanoTime());
        Files.createDirectories(folder.dir());
        return folder;
    }

    private static void awaitLine(JobFolder folder) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
                .until(() -> Files.size(folder.progress()) > 0);
    }

    private static LocalProcessExecutor executor(List<String> command) {
        return new LocalProcessExecutor(config(Optional.of(command), "unused.jar"));
    }

    private static TrainingConfig config(Optional<List<String>> command, String jar) {
        Map<String, String> values = new HashMap<>(Map.of("trainer-jar", jar));
        command.ifPresent(parts -> values.put("trainer-command", String.join(",", parts)));
        return TestConfigs.training(values);
    }
}
