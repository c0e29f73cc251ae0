package dev.modelyard.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * The process the launcher started for one component. Besides the PID it records the process' start
 * time, so that a PID the system has since given to some other program is never taken for ours.
 */
record PidFile(Path path) {

    void write(ProcessHandle process) {
        String started = process.info().startInstant().map(Instant::toString).orElse("");
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.writeString(path, process.pid() + "\n" + started + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + path, e);
        }
    }

    /** The recorded process if it is still running; empty when there is no file or it names a dead or foreign process. */
    Optional<ProcessHandle> liveProcess() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(path);
            long pid = Long.parseLong(lines.get(0).strip());
            Optional<Instant> recordedStart = lines.size() > 1 && !lines.get(1).isBlank()
                    ? Optional.of(Instant.parse(lines.get(1).strip()))
                    : Optional.empty();
            return ProcessHandle.of(pid)
                    .filter(Processes::isRunning)
                    .filter(process -> recordedStart.isEmpty() || recordedStart.equals(process.info().startInstant()));
        } catch (IOException | IndexOutOfBoundsException | NumberFormatException | DateTimeParseException unreadable) {
            return Optional.empty();
        }
    }

    void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + path, e);
        }
    }
}
