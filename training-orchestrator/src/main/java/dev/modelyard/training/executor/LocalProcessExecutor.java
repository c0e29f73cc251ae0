package dev.modelyard.training.executor;

import dev.modelyard.training.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Runs each trainer as a separate OS process on this machine. Its stdout and stderr go to files rather than
 * pipes, so the trainer outlives a restart of the orchestrator and the next one re-attaches by process id.
 */
public class LocalProcessExecutor implements TrainerExecutor {

    private static final Logger LOG = Logger.getLogger(LocalProcessExecutor.class);
    private static final long KILL_WAIT_SECONDS = 10;

    private final List<String> command;
    private final Optional<Path> trainerJar;
    /** Trainers this orchestrator started: only for these is the exit code known. */
    private final Map<Long, Process> children = new ConcurrentHashMap<>();
    /** Trainers of an earlier orchestrator that this one has seen running. */
    private final Set<TrainerHandle> adopted = ConcurrentHashMap.newKeySet();

    public LocalProcessExecutor(TrainingConfig config) {
        if (config.trainerCommand().isPresent()) {
            this.command = List.copyOf(config.trainerCommand().get());
            this.trainerJar = Optional.empty();
        } else {
            Path jar = Path.of(config.trainerJar()).toAbsolutePath();
            this.command = List.of(config.java().orElseGet(LocalProcessExecutor::currentJava), "-jar", jar.toString());
            this.trainerJar = Optional.of(jar);
        }
    }

    @Override
    public TrainerHandle launch(String tenant, JobFolder folder, TrainerResources resources) throws IOException {
        if (trainerJar.isPresent() && !Files.isRegularFile(trainerJar.get())) {
            throw new IOException("There is no trainer at " + trainerJar.get()
                    + " (modelyard.training.trainer-jar); build the trainer module first");
        }
        List<String> line = new ArrayList<>(command);
        line.addAll(List.of("train", "--spec", folder.spec().toString()));
        Process process = new ProcessBuilder(line)
                .directory(folder.dir().toFile())
                .redirectOutput(folder.progress().toFile())
                .redirectError(folder.log().toFile())
                .start();
        children.put(process.pid(), process);
        Instant startedAt = process.info().startInstant().map(LocalProcessExecutor::comparable).orElseGet(Instant::now);
        return new TrainerHandle(Long.toString(process.pid()), startedAt);
    }

    @Override
    public TrainerState state(TrainerHandle handle) {
        Process child = children.get(pid(handle));
        if (child != null) {
            return child.isAlive() ? new TrainerState.Running()
                    : new TrainerState.Exited(OptionalInt.of(child.exitValue()));
        }
        if (find(handle).isPresent()) {
            adopted.add(handle);
            return new TrainerState.Running();
        }
        return adopted.contains(handle) ? new TrainerState.Exited(OptionalInt.empty()) : new TrainerState.Vanished();
    }

    @Override
    public void kill(TrainerHandle handle) {
        Optional<ProcessHandle> process = Optional.ofNullable(children.get(pid(handle)))
                .map(Process::toHandle).filter(ProcessHandle::isAlive)
                .or(() -> find(handle));
        process.ifPresent(LocalProcessExecutor::killTree);
        release(handle);
    }

    @Override
    public void release(TrainerHandle handle) {
        children.remove(pid(handle));
        adopted.remove(handle);
    }

    /** The live process with the handle's id that also started when the handle says: not a reused id. */
    private static Optional<ProcessHandle> find(TrainerHandle handle) {
        return ProcessHandle.of(pid(handle))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().startInstant().map(LocalProcessExecutor::comparable)
                        .map(handle.startedAt()::equals).orElse(false));
    }

    private static long pid(TrainerHandle handle) {
        return Long.parseLong(handle.trainer());
    }

    /** Children first, so the trainer cannot start new ones meanwhile; then waits, so the caller sees it gone. */
    private static void killTree(ProcessHandle process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.onExit().get(KILL_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf("Trainer process %d did not end within %d s of being killed", process.pid(), KILL_WAIT_SECONDS);
        }
    }

    /** At the precision the database keeps, so a stored start time compares equal to the live one. */
    private static Instant comparable(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS);
    }

    private static String currentJava() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
