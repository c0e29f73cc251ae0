package dev.modelyard.training.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.training.executor.ProgressLine;
import dev.modelyard.training.executor.TrainerState;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class RunDecisionTest {

    private static final Optional<ProgressLine> STARTED = ProgressLine.parse("{\"type\":\"started\",\"rows\":10}");
    private static final Optional<ProgressLine> COMPLETED = ProgressLine.parse("{\"type\":\"completed\",\"epsilon\":1.5}");
    private static final Optional<ProgressLine> OUT_OF_BUDGET = ProgressLine.parse(
            "{\"type\":\"error\",\"code\":\"out_of_budget\",\"message\":\"epsilon 3 cannot be reached\"}");

    @Test
    void aLiveTrainerIsWatchedOnWhateverItWroteLast() {
        assertThat(RunDecision.decide(new TrainerState.Running(), STARTED)).isInstanceOf(RunDecision.KeepWatching.class);
        assertThat(RunDecision.decide(new TrainerState.Running(), Optional.empty())).isInstanceOf(RunDecision.KeepWatching.class);
    }

    @Test
    void aTrainerGoneAfterCompletingIsRegistered() {
        assertThat(RunDecision.decide(new TrainerState.Vanished(), COMPLETED)).isInstanceOf(RunDecision.Register.class);
        assertThat(RunDecision.decide(new TrainerState.Exited(OptionalInt.of(0)), COMPLETED)).isInstanceOf(RunDecision.Register.class);
        assertThat(RunDecision.decide(new TrainerState.Exited(OptionalInt.empty()), COMPLETED)).isInstanceOf(RunDecision.Register.class);
    }

    @Test
    void aTrainerGoneWithoutAFinalLineWhileTheOrchestratorWasDownFailsTheJob() {
        assertThat(RunDecision.decide(new TrainerState.Vanished(), STARTED)).isEqualTo(new RunDecision.Fail(
                JobError.failed("The trainer stopped while the orchestrator was not running")));
        assertThat(RunDecision.decide(new TrainerState.Vanished(), Optional.empty())).isInstanceOf(RunDecision.Fail.class);
    }

    @Test
    void theTrainersOwnErrorLineExplainsTheFailure() {
        assertThat(RunDecision.decide(new TrainerState.Exited(OptionalInt.of(3)), OUT_OF_BUDGET)).isEqualTo(
                new RunDecision.Fail(new JobError("out_of_budget", "epsilon 3 cannot be reached", null)));
        assertThat(RunDecision.decide(new TrainerState.Vanished(), OUT_OF_BUDGET)).isInstanceOf(RunDecision.Fail.class);
    }

    @Test
    void withoutAnErrorLineTheExitCodeNamesTheFailure() {
        RunDecision decision = RunDecision.decide(new TrainerState.Exited(OptionalInt.of(2)), STARTED);
        assertThat(decision).isInstanceOfSatisfying(RunDecision.Fail.class, fail -> {
            assertThat(fail.error().code()).isEqualTo("invalid_input");
            assertThat(fail.error().message()).startsWith("The trainer exited with code 2");
        });
        assertThat(RunDecision.decide(new TrainerState.Exited(OptionalInt.of(137)), STARTED))
                .isInstanceOfSatisfying(RunDecision.Fail.class, fail -> assertThat(fail.error().code()).isEqualTo("failed"));
    }

    @Test
    void aCompletedLineDoesNotOutweighAFailingExitCode() {
        assertThat(RunDecision.decide(new TrainerState.Exited(OptionalInt.of(1)), COMPLETED)).isInstanceOf(RunDecision.Fail.class);
    }

    @Test
    void aCleanExitWithoutCompletionFailsTheJob() {
        assertThat(RunDecision.decide(new TrainerState.Exited(OptionalInt.of(0)), STARTED)).isEqualTo(
                new RunDecision.Fail(JobError.failed("The trainer stopped without reporting completion")));
    }

    @Test
    void aTrainerWaitingForTheClusterIsWatched() {
        assertThat(RunDecision.decide(new TrainerState.Waiting("Waiting for Kueue"), STARTED))
                .isInstanceOf(RunDecision.KeepWatching.class);
    }

    @Test
    void theExecutorsReasonExplainsAFailureTheTrainerCouldNotReport() {
        TrainerState oomKilled = new TrainerState.Failed(JobError.FAILED, "The trainer ran out of memory");
        assertThat(RunDecision.decide(oomKilled, STARTED)).isEqualTo(
                new RunDecision.Fail(JobError.failed("The trainer ran out of memory")));
        // A trainer that said why it failed is believed first.
        assertThat(RunDecision.decide(oomKilled, OUT_OF_BUDGET)).isEqualTo(
                new RunDecision.Fail(new JobError("out_of_budget", "epsilon 3 cannot be reached", null)));
    }
}
