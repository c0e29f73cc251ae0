package dev.modelyard.training;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** How fine-tuning jobs are run: where, with which trainer, how many at once, and which services they talk to. */
@ConfigMapping(prefix = "modelyard.training")
public interface TrainingConfig {

    /**
     * The whole command that starts the trainer, before {@code train --spec <path>}. When set it replaces
     * {@link #java()} and {@link #trainerJar()}; a container wrapper or a test trainer goes here.
     */
    Optional<List<String>> trainerCommand();

    /** The {@code java} binary that runs the trainer jar; the orchestrator's own JVM when unset. */
    Optional<String> java();

    /** The trainer jar, relative to the working directory unless absolute. */
    @WithDefault("trainer/target/trainer.jar")
    String trainerJar();

    /** One folder per job below this: spec, downloaded files, progress, log and the trained model. */
    @WithDefault("${modelyard.home:.platform}/training")
    String workDir();

    /** Trainers running at the same time, across all tenants; further jobs wait in {@code queued}. */
    @WithDefault("2")
    int maxConcurrentJobs();

    /** How often jobs are advanced and running trainers' progress is read. */
    @WithDefault("PT1S")
    Duration pollInterval();

    /** Base URLs of the services the orchestrator calls. */
    Services services();

    interface Services {

        /** Files: metadata and anonymized content. */
        @WithDefault("http://127.0.0.1:8081")
        String privacy();

        /** Models: base versions to continue from, artifacts and new versions. */
        @WithDefault("http://127.0.0.1:8083")
        String registry();
    }
}
