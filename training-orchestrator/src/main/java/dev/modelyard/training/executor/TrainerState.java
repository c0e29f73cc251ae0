package dev.modelyard.training.executor;

import java.util.OptionalInt;

/** Where a trainer stands. */
public sealed interface TrainerState {

    /** It runs; {@code note} is what the executor has to say about it (an image still being pulled), or null. */
    record Running(String note) implements TrainerState {
        public Running() {
            this(null);
        }
    }

    /**
     * It was handed to a scheduler that has not started it yet (Kueue has not admitted it, or took it back to
     * admit it again later); {@code note} says why it waits and, when known, where it stands in the queue.
     */
    record Waiting(String note) implements TrainerState {
    }

    /** It ended while this orchestrator watched it; the exit code is known only for trainers it started itself. */
    record Exited(OptionalInt exitCode) implements TrainerState {
    }

    /** It ended while no orchestrator was watching: it was gone when this one started. */
    record Vanished() implements TrainerState {
    }

    /**
     * What runs the trainer stopped it, or cannot start it, for a reason of its own (out of memory, a deadline,
     * an image that cannot be pulled); {@code code} is a {@code JobError} code.
     */
    record Failed(String code, String message) implements TrainerState {
    }
}
