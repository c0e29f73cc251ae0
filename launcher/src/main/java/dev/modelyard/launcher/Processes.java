package dev.modelyard.launcher;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

/** Starting the stack's processes so they outlive the launcher, and stopping them again. */
final class Processes {

    static final Duration STOP_GRACE = Duration.ofSeconds(20);
    private static final Duration STOP_POLL_INTERVAL = Duration.ofMillis(100);

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    private Processes() {
    }

    /**
     * Starts the command with its output appended to the log file, in a session of its own where
     * setsid exists: a Ctrl-C in the launcher's terminal, or closing that terminal, then leaves it running.
     */
    static Process startDetached(ProcessBuilder builder, Path logFile) {
        if (Files.isExecutable(SETSID)) {
            List<String> command = new ArrayList<>(builder.command());
            command.addFirst(SETSID.toString());
            builder.command(command);
        }
        builder.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        try {
            Files.createDirectories(logFile.toAbsolutePath().getParent());
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + String.join(" ", builder.command()), e);
        }
    }

    /**
     * Asks the process and everything it started to stop (descendants first), waits up to the grace
     * period, then kills whatever is left. Returns false when something had to be killed.
     */
    static boolean stop(ProcessHandle process, Duration grace) {
        List<ProcessHandle> tree = Stream.concat(process.descendants(), Stream.of(process)).toList();
        tree.forEach(ProcessHandle::destroy);
        // Polled here rather than with onExit(): for processes that are not its children the JDK
        // polls with a sleep of 300 ms and growing, which adds seconds to every stop.
        long deadline = System.nanoTime() + grace.toNanos();
        while (tree.stream().anyMatch(Processes::isRunning)) {
            if (System.nanoTime() > deadline) {
                tree.stream().filter(Processes::isRunning).forEach(ProcessHandle::destroyForcibly);
                return false;
            }
            try {
                Thread.sleep(STOP_POLL_INTERVAL);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while stopping pid " + process.pid(), e);
            }
        }
        return true;
    }

    /**
     * Alive and not a zombie. Once the launcher has exited, what it started belongs to PID 1, and
     * some container inits collect exited processes late or never; the JDK counts those as alive.
     */
    static boolean isRunning(ProcessHandle process) {
        if (!process.isAlive()) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            // The state follows the command name, which is in parentheses and may itself hold ") ".
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException | IndexOutOfBoundsException noProcStat) {
            return process.isAlive();
        }
    }

    /** The last lines of a log file; none when it does not exist. */
    static List<String> tail(Path logFile, int lines) {
        if (!Files.isRegularFile(logFile)) {
            return List.of();
        }
        Deque<String> last = new ArrayDeque<>(lines);
        // A reader rather than Files.lines: it replaces bytes that are not UTF-8 instead of failing.
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(Files.newInputStream(logFile), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            }
        } catch (IOException e) {
            return List.of("(cannot read " + logFile + ": " + e.getMessage() + ")");
        }
        return List.copyOf(last);
    }
}
