package dev.modelyard.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

    @TempDir
    Path dir;

    @Test
    void namesTheLiveProcessItWasWrittenFor() {
        PidFile pidFile = new PidFile(dir.resolve("run/service.pid"));

        pidFile.write(ProcessHandle.current());

        assertThat(pidFile.liveProcess()).map(ProcessHandle::pid).contains(ProcessHandle.current().pid());
    }

    @Test
    void namesNothingWithoutAFile() {
        assertThat(new PidFile(dir.resolve("absent.pid")).liveProcess()).isEmpty();
    }

    @Test
    void namesNothingWhenTheProcessHasExited() throws Exception {
        Process finished = new ProcessBuilder("true").start();
        finished.waitFor();
        Path path = dir.resolve("finished.pid");
        Files.writeString(path, finished.pid() + "\n");

        assertThat(new PidFile(path).liveProcess()).isEmpty();
    }

    @Test
    void ignoresALiveProcessThatStartedAtAnotherTime() throws Exception {
        // The system may give a dead component's PID to another program; its start time tells them apart.
        Path path = dir.resolve("reused.pid");
        Files.writeString(path, ProcessHandle.current().pid() + "\n2001-01-01T00:00:00Z\n");

        assertThat(new PidFile(path).liveProcess()).isEmpty();
    }

    @Test
    void ignoresAnUnreadableFile() throws Exception {
        Path path = dir.resolve("garbage.pid");
        Files.writeString(path, "not a pid\n");

        assertThat(new PidFile(path).liveProcess()).isEmpty();
    }

    @Test
    void deleteRemovesTheFile() {
        PidFile pidFile = new PidFile(dir.resolve("gone.pid"));
        pidFile.write(ProcessHandle.current());

        pidFile.delete();

        assertThat(pidFile.path()).doesNotExist();
        assertThat(pidFile.liveProcess()).isEmpty();
    }
}
