package dev.modelyard.training.executor;

import java.time.Instant;

/**
 * What identifies a trainer across orchestrator restarts: its process id and when that process started,
 * because an id alone may have been reused by an unrelated process meanwhile.
 */
public record TrainerHandle(long pid, Instant startedAt) {
}
