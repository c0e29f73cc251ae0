package dev.modelyard.training.executor;

import java.io.IOException;

/**
 * Runs trainers: as local processes today, as Kubernetes pods later. Whatever runs the trainer, its
 * progress lines end up in the job folder's {@code progress.jsonl}, where the orchestrator reads them.
 */
public interface TrainerExecutor {

    /** Starts the trainer on the folder's {@code spec.json}. */
    TrainerHandle launch(JobFolder folder) throws IOException;

    /** Where the trainer stands now; also answers for trainers started before the orchestrator restarted. */
    TrainerState state(TrainerHandle handle);

    /** Stops the trainer and everything it started, and releases it; nothing happens when it is gone. */
    void kill(TrainerHandle handle);

    /** Forgets a trainer whose job is over. */
    void release(TrainerHandle handle);
}
