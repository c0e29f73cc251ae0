package dev.modelyard.training.executor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

/** The files of one job, in its own folder below the work directory. */
public record JobFolder(Path dir) {

    public static JobFolder of(Path workDir, String jobId) {
        return new JobFolder(workDir.resolve(jobId).toAbsolutePath());
    }

    /** The job the folder belongs to: its name is the job's id. */
    public String jobId() {
        return dir.getFileName().toString();
    }

    /** The trainer's input, as the trainer contract describes it. */
    public Path spec() {
        return dir.resolve("spec.json");
    }

    /** The trainer's stdout: one JSON progress line each. */
    public Path progress() {
        return dir.resolve("progress.jsonl");
    }

    /** Copies of the logs of a Kubernetes trainer's pods, from which {@link #progress()} is assembled. */
    public Path podLogs() {
        return dir.resolve("pods");
    }

    /** The trainer's stderr. */
    public Path log() {
        return dir.resolve("trainer.log");
    }

    /** What the trainer said last: for an ended trainer, {@code completed} or {@code error} if it ended properly. */
    public Optional<ProgressLine> lastProgressLine() {
        try {
            return ProgressLog.lastLine(progress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path baseModel() {
        return dir.resolve("base_model.onnx");
    }

    public Path output() {
        return dir.resolve("output");
    }

    public Path model() {
        return output().resolve("model.onnx");
    }

    public Path metrics() {
        return output().resolve("metrics.json");
    }

    public Path signature() {
        return output().resolve("signature.json");
    }
}
