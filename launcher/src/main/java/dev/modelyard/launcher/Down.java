package dev.modelyard.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * {@code down}: stops what {@code up} started, newest first, by its PID files only; a process
 * without one is never touched.
 */
final class Down {

    private final Stack stack;
    private final PlatformHome home;
    private final PrintStream out;

    Down(Stack stack) {
        this.stack = stack;
        this.home = stack.home();
        this.out = stack.out();
    }

    int run() {
        boolean stoppedAny = false;
        for (String name : stack.componentNames().reversed()) {
            PidFile pidFile = home.pidFile(name);
            Optional<ProcessHandle> process = pidFile.liveProcess();
            if (process.isPresent()) {
                stop(name, process.get());
                stoppedAny = true;
            }
            pidFile.delete();
        }
        stoppedAny |= stopOrphanedPostmaster();
        deleteIfExists(home.postgresReadyMarker());
        out.println(stoppedAny ? "Modelyard is down." : "Nothing was running.");
        return 0;
    }

    private void stop(String name, ProcessHandle process) {
        out.print("Stopping " + name + " (pid " + process.pid() + ")... ");
        out.flush();
        long start = System.nanoTime();
        boolean graceful = Processes.stop(process, Processes.STOP_GRACE);
        out.println((graceful ? "stopped in " : "killed after ") + Stack.seconds(System.nanoTime() - start));
    }

    /**
     * The embedded server's own PID file, in our data folder: PostgreSQL outlives its JVM when that
     * was killed outright, and would then hold port 54329 against the next {@code up}.
     */
    private boolean stopOrphanedPostmaster() {
        Path postmasterPid = home.postgresData().resolve("postmaster.pid");
        Optional<ProcessHandle> postmaster = readFirstLinePid(postmasterPid)
                .flatMap(ProcessHandle::of)
                .filter(Processes::isRunning)
                .filter(process -> process.info().command().filter(command -> command.endsWith("/postgres")).isPresent());
        postmaster.ifPresent(process -> stop("orphaned embedded PostgreSQL", process));
        return postmaster.isPresent();
    }

    private static Optional<Long> readFirstLinePid(Path file) {
        try {
            List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
            return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException unreadable) {
            return Optional.empty();
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
