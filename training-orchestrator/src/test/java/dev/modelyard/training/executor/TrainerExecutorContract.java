package dev.modelyard.training.executor;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalInt;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every executor must do, whatever runs the trainer: start it on the job folder's spec, bring its progress
 * lines into {@code progress.jsonl}, tell a success from a failure, stop it on cancel, and answer for a trainer it
 * did not start itself after a restart. Each executor's test is a subclass that says how to play a trainer there.
 */
public abstract class TrainerExecutorContract {

    static final String STARTED = "{\"type\":\"started\",\"rows\":4,\"features\":2,\"classes\":2}";
    static final String EPOCH = "{\"type\":\"epoch\",\"epoch\":1,\"step\":1,\"train_loss\":0.4,\"epsilon\":1.0}";
    static final String COMPLETED = "{\"type\":\"completed\",\"metrics\":{\"accuracy\":0.75},\"epsilon\":1.0}";
    static final String INVALID = "{\"type\":\"error\",\"code\":\"invalid_input\",\"message\":\"no label column\"}";

    @TempDir
    protected Path workDir;

    /** An executor whose job folders are below {@link #workDir}; a second call is the same after a restart. */
    protected abstract TrainerExecutor newExecutor();

    /** Lets a launched trainer run, where a scheduler has to admit it first. */
    protected abstract void admit(TrainerHandle handle, JobFolder folder) throws Exception;

    /** The trainer prints a progress line on stdout. */
    protected abstract void print(TrainerHandle handle, JobFolder folder, String line) throws Exception;

    /** The trainer ends with this exit code after what it printed. */
    protected abstract void exit(TrainerHandle handle, JobFolder folder, int code) throws Exception;

    /** Whether nothing of the trainer runs any more. */
    protected abstract boolean isGone(TrainerHandle handle) throws Exception;

    @Test
    void startsTheTrainerAndBringsItsProgressLinesIntoTheFolder() throws Exception {
        TrainerExecutor executor = newExecutor();
        JobFolder folder = folder();
        TrainerHandle handle = launchAndAdmit(executor, folder);
        try {
            awaitState(executor, handle, TrainerState.Running.class);
            print(handle, folder, STARTED);
            print(handle, folder, EPOCH);
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                executor.state(handle);
                return Files.exists(folder.progress()) && Files.readString(folder.progress()).equals(STARTED + "\n" + EPOCH + "\n");
            });
            assertThat(executor.state(handle)).isInstanceOf(TrainerState.Running.class);
        } finally {
            executor.kill(handle);
        }
    }

    @Test
    void aTrainerThatCompletesLeavesItsOutputsAndExitsCleanly() throws Exception {
        TrainerExecutor executor = newExecutor();
        JobFolder folder = folder();
        TrainerHandle handle = launchAndAdmit(executor, folder);
        print(handle, folder, STARTED);
        complete(handle, folder);

        TrainerState state = awaitEnd(executor, handle);
        assertThat(state).isEqualTo(new TrainerState.Exited(OptionalInt.of(0)));
        assertThat(folder.lastProgressLine()).hasValueSatisfying(line -> assertThat(line.is(ProgressLine.COMPLETED)).isTrue());
        assertThat(TrainerOutputs.check(folder, 1.0).metrics().get("epsilon").asDouble()).isEqualTo(1.0);
        executor.release(handle);
    }

    @Test
    void aTrainerThatRefusesItsInputEndsWithItsExitCodeAndErrorLine() throws Exception {
        TrainerExecutor executor = newExecutor();
        JobFolder folder = folder();
        TrainerHandle handle = launchAndAdmit(executor, folder);
        print(handle, folder, INVALID);
        exit(handle, folder, 2);

        assertThat(awaitEnd(executor, handle)).isEqualTo(new TrainerState.Exited(OptionalInt.of(2)));
        assertThat(folder.lastProgressLine()).hasValueSatisfying(line -> assertThat(line.text("code")).isEqualTo("invalid_input"));
        executor.release(handle);
    }

    @Test
    void killingStopsTheTrainer() throws Exception {
        TrainerExecutor executor = newExecutor();
        JobFolder folder = folder();
        TrainerHandle handle = launchAndAdmit(executor, folder);
        awaitState(executor, handle, TrainerState.Running.class);

        executor.kill(handle);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> isGone(handle));
        assertThat(executor.state(handle)).isNotInstanceOf(TrainerState.Running.class);
    }

    @Test
    void aRestartedOrchestratorFollowsTheTrainerItFindsAndSeesItEnd() throws Exception {
        TrainerExecutor first = newExecutor();
        JobFolder folder = folder();
        TrainerHandle handle = launchAndAdmit(first, folder);
        print(handle, folder, STARTED);
        awaitState(first, handle, TrainerState.Running.class);

        TrainerExecutor restarted = newExecutor();
        try {
            assertThat(restarted.state(handle)).isInstanceOf(TrainerState.Running.class);
            complete(handle, folder);
            TrainerState state = awaitEnd(restarted, handle);
            // A process the restarted orchestrator did not start leaves no exit code; the last line tells.
            assertThat(state).isIn(new TrainerState.Exited(OptionalInt.of(0)), new TrainerState.Exited(OptionalInt.empty()));
            assertThat(folder.lastProgressLine()).hasValueSatisfying(line -> assertThat(line.is(ProgressLine.COMPLETED)).isTrue());
        } finally {
            restarted.kill(handle);
        }
    }

    private JobFolder folder() throws Exception {
        JobFolder folder = JobFolder.of(workDir, "ftjob-" + System.nanoTime());
        Files.createDirectories(folder.output());
        Files.writeString(folder.spec(), "{\"job_id\":\"" + folder.jobId() + "\"}");
        return folder;
    }

    private TrainerHandle launchAndAdmit(TrainerExecutor executor, JobFolder folder) throws Exception {
        TrainerHandle handle = executor.launch("acme", folder, null);
        admit(handle, folder);
        return handle;
    }

    /** The trainer writes its outputs, says it completed and exits 0. */
    private void complete(TrainerHandle handle, JobFolder folder) throws Exception {
        Files.writeString(folder.model(), "onnx");
        Files.writeString(folder.signature(), "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\",\"shape\":[-1,2]}],"
                + "\"outputs\":[{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1,1]}]}");
        Files.writeString(folder.metrics(), "{\"epsilon\":1.0}");
        print(handle, folder, COMPLETED);
        exit(handle, folder, 0);
    }

    private static void awaitState(TrainerExecutor executor, TrainerHandle handle, Class<? extends TrainerState> type) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> type.isInstance(executor.state(handle)));
    }

    /** Polls as the supervisor does until the trainer no longer runs or waits; the progress file is complete then. */
    private static TrainerState awaitEnd(TrainerExecutor executor, TrainerHandle handle) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> executor.state(handle), state -> !(state instanceof TrainerState.Running)
                        && !(state instanceof TrainerState.Waiting));
    }
}
