package dev.modelyard.training.executor;

import java.time.Instant;

/**
 * What identifies a trainer across orchestrator restarts, in the executor's own terms: a local process is its
 * process id and when that process started (an id alone may have been reused by an unrelated process meanwhile);
 * a Kubernetes trainer is the name of its Job and when the Job was created.
 */
public record TrainerHandle(String trainer, Instant startedAt) {
}
