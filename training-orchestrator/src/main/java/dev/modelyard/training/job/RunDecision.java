package dev.modelyard.training.job;

import dev.modelyard.training.executor.ProgressLine;
import dev.modelyard.training.executor.TrainerState;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What to do with a running job, from where its trainer stands and the last line it wrote. The same answer
 * serves a trainer that just ended and one found after a restart: a live trainer is watched (re-attached),
 * a finished one with a {@code completed} line is registered, any other end fails the job: with the trainer's own
 * error line when it wrote one, else with the reason the executor gives.
 */
sealed interface RunDecision {

    record KeepWatching() implements RunDecision {
    }

    record Register() implements RunDecision {
    }

    record Fail(JobError error) implements RunDecision {
    }

    static RunDecision decide(TrainerState state, Optional<ProgressLine> lastLine) {
        if (state instanceof TrainerState.Running || state instanceof TrainerState.Waiting) {
            return new KeepWatching();
        }
        OptionalInt exitCode = state instanceof TrainerState.Exited exited ? exited.exitCode() : OptionalInt.empty();
        boolean exitedCleanly = exitCode.isEmpty() || exitCode.getAsInt() == 0;
        if (lastLine.isPresent() && lastLine.get().is(ProgressLine.ERROR)) {
            ProgressLine error = lastLine.get();
            String code = error.text("code") != null ? error.text("code") : codeFor(exitCode);
            String message = error.text("message") != null ? error.text("message") : "The trainer reported an error";
            return new Fail(new JobError(code, message, null));
        }
        if (state instanceof TrainerState.Failed failed) {
            return new Fail(new JobError(failed.code(), failed.message(), null));
        }
        if (lastLine.isPresent() && lastLine.get().is(ProgressLine.COMPLETED) && exitedCleanly) {
            return new Register();
        }
        if (!exitedCleanly) {
            return new Fail(new JobError(codeFor(exitCode), "The trainer exited with code " + exitCode.getAsInt()
                    + " without reporting an error; see trainer.log in the job folder", null));
        }
        if (state instanceof TrainerState.Vanished) {
            return new Fail(JobError.failed("The trainer stopped while the orchestrator was not running"));
        }
        return new Fail(JobError.failed("The trainer stopped without reporting completion"));
    }

    /** The trainer contract's exit codes: 2 invalid input, 3 budget exceeded, anything else a failure. */
    private static String codeFor(OptionalInt exitCode) {
        int code = exitCode.orElse(1);
        return code == 2 ? JobError.INVALID_INPUT : code == 3 ? JobError.OUT_OF_BUDGET : JobError.FAILED;
    }
}
