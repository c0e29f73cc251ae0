package dev.modelyard.training.executor;

import java.util.OptionalInt;

/** Where a trainer stands. */
public sealed interface TrainerState {

    record Running() implements TrainerState {
    }

    /** It ended while this orchestrator watched it; the exit code is known only for trainers it started itself. */
    record Exited(OptionalInt exitCode) implements TrainerState {
    }

    /** It ended while no orchestrator was watching: it was gone when this one started. */
    record Vanished() implements TrainerState {
    }
}
