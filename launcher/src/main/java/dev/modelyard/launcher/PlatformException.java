package dev.modelyard.launcher;

import java.nio.file.Path;
import java.util.Optional;

/** A command cannot go on; the message says why, and the log named, if any, shows the details. */
final class PlatformException extends RuntimeException {

    private final transient Path logFile;

    PlatformException(String message) {
        this(message, null);
    }

    PlatformException(String message, Path logFile) {
        super(message);
        this.logFile = logFile;
    }

    Optional<Path> logFile() {
        return Optional.ofNullable(logFile);
    }
}
