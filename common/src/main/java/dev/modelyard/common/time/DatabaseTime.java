package dev.modelyard.common.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Timestamps at PostgreSQL's precision (microseconds), so an object answered right after it is saved
 * equals the same object read back later.
 */
public final class DatabaseTime {

    private DatabaseTime() {
    }

    public static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
