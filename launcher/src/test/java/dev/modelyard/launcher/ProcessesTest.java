package dev.modelyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProcessesTest {

    @TempDir
    Path dir;

    @Test
    void stopEndsTheProcessAndWhatItStarted() throws Exception {
        Process parent = new ProcessBuilder("sh", "-c", "sleep 60 & wait").start();
        try {
            ProcessHandle child = awaitChild(parent);

            assertThat(Processes.stop(parent.toHandle(), Duration.ofSeconds(60))).isTrue();

            assertThat(parent.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(Processes.isRunning(child)).isFalse();
        } finally {
            parent.descendants().forEach(ProcessHandle::destroyForcibly);
            parent.destroyForcibly();
        }
    }

    @Test
    void aZombieIsNotRunning() throws Exception {
        // sh starts a short sleep, then becomes a long one that never collects the first: a zombie.
        Process parent = new ProcessBuilder("sh", "-c", "sleep 0 & exec sleep 60").start();
        try {
            ProcessHandle zombie = awaitChild(parent);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (Processes.isRunning(zombie) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }

            assertThat(zombie.isAlive()).as("the JDK's view").isTrue();
            assertThat(Processes.isRunning(zombie)).isFalse();
            assertThat(Processes.isRunning(parent.toHandle())).isTrue();
        } finally {
            parent.destroyForcibly();
        }
    }

    @Test
    void tailKeepsTheLastLines() throws Exception {
        Path log = dir.resolve("service.log");
        Files.writeString(log, IntStream.rangeClosed(1, 50).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));

        assertThat(Processes.tail(log, 3)).containsExactly("line 48", "line 49", "line 50");
        assertThat(Processes.tail(dir.resolve("missing.log"), 3)).isEmpty();
    }

    private static ProcessHandle awaitChild(Process parent) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            var child = parent.children().findFirst();
            if (child.isPresent()) {
                return child.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the shell started no child");
    }
}
