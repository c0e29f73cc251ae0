package dev.modelyard.training.executor;

import java.io.IOException;

/**
 * Runs trainers: as local processes or as Kubernetes Jobs ({@code modelyard.training.executor}). Whatever runs the
 * trainer, its progress lines end up in the job folder's {@code progress.jsonl}, where the orchestrator reads them,
 * by the time {@link #state} answers.
 */
public interface TrainerExecutor {

    /**
     * Starts the trainer on the folder's {@code spec.json}, or hands it to a scheduler that starts it later
     * ({@link TrainerState.Waiting} until then).
     *
     * @param resources what the job asked for; null for the executor's defaults
     */
    TrainerHandle launch(String tenant, JobFolder folder, TrainerResources resources) throws IOException;

    /** Where the trainer stands now; also answers for trainers started before the orchestrator restarted. */
    TrainerState state(TrainerHandle handle);

    /** Stops the trainer and everything it started, and releases it; nothing happens when it is gone. */
    void kill(TrainerHandle handle);

    /** Forgets a trainer whose job is over. */
    void release(TrainerHandle handle);
}
