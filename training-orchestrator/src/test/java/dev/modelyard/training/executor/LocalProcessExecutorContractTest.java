package dev.modelyard.training.executor;

import dev.modelyard.training.TestConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * The executor contract for local processes. The trainer is a shell loop that prints the numbered line files the
 * test drops into the job folder, in order, and exits with the code of the {@code exit} file once all are printed.
 */
class LocalProcessExecutorContractTest extends TrainerExecutorContract {

    private static final String SCRIPTED_TRAINER = "d=$(dirname \"$3\"); n=0; while :; do"
            + " if [ -f \"$d/line.$n\" ]; then cat \"$d/line.$n\"; n=$((n+1));"
            + " elif [ -f \"$d/exit\" ]; then exit $(cat \"$d/exit\");"
            + " else sleep 0.02; fi; done";

    @Override
    protected TrainerExecutor newExecutor() {
        // Commas separate the command's parts in configuration; the script has none.
        return new LocalProcessExecutor(TestConfigs.training(Map.of("work-dir", workDir.toString(),
                "trainer-command", "sh,-c," + SCRIPTED_TRAINER + ",trainer")));
    }

    @Override
    protected void admit(TrainerHandle handle, JobFolder folder) {
        // A local trainer runs as soon as it is launched.
    }

    @Override
    protected void print(TrainerHandle handle, JobFolder folder, String line) throws Exception {
        int next = 0;
        while (Files.exists(folder.dir().resolve("line." + next))) {
            next++;
        }
        drop(folder.dir().resolve("line." + next), line + "\n");
    }

    @Override
    protected void exit(TrainerHandle handle, JobFolder folder, int code) throws Exception {
        drop(folder.dir().resolve("exit"), Integer.toString(code));
    }

    @Override
    protected boolean isGone(TrainerHandle handle) {
        return ProcessHandle.of(Long.parseLong(handle.trainer())).filter(ProcessHandle::isAlive).isEmpty();
    }

    /** Whole or not at all, so the trainer never prints half a line. */
    private static void drop(Path file, String content) throws Exception {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.writeString(partial, content, StandardCharsets.UTF_8);
        Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
