package dev.modelyard.training;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** How fine-tuning jobs are run: where, with which trainer, how many at once, and which services they talk to. */
@ConfigMapping(prefix = "modelyard.training")
public interface TrainingConfig {

    /** Where trainers run. */
    enum Executor {
        /** Each trainer is a process on the orchestrator's machine. */
        LOCAL,
        /** Each trainer is a Kubernetes Job, admitted by Kueue (see {@link #kubernetes()}). */
        KUBERNETES
    }

    /** Where trainers run: {@code local} or {@code kubernetes}. */
    @WithDefault("local")
    Executor executor();

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

    /**
     * Trainers running at the same time, across all tenants; further jobs wait in {@code queued}. Only the local
     * executor keeps to it: on Kubernetes, Kueue admits jobs by each tenant's quota.
     */
    @WithDefault("2")
    int maxConcurrentJobs();

    /**
     * How long a job's privacy-budget reservation lasts before the privacy service returns it to the budget: longer
     * than any job may queue and train (the privacy service caps it, 7 days by default).
     */
    @WithDefault("P7D")
    Duration budgetReservationTtl();

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

    /** The Kubernetes executor; read only when {@link #executor()} is {@code kubernetes}. */
    Kubernetes kubernetes();

    interface Kubernetes {

        /** The namespace of the trainers' Jobs, their spec ConfigMaps and the tenants' Kueue LocalQueues. */
        @WithDefault("modelyard-training")
        String namespace();

        /** The trainer's container image, implementing docs/trainer-contract.md. */
        @WithDefault("modelyard/trainer:0.1.0")
        String image();

        /** The command that starts the trainer in the image, before {@code train --spec <path>}. */
        @WithDefault("java,-jar,/opt/modelyard/trainer.jar")
        List<String> command();

        /** {@code Always}, {@code IfNotPresent} or {@code Never}. */
        @WithDefault("IfNotPresent")
        String imagePullPolicy();

        /**
         * The ReadWriteMany PersistentVolumeClaim, in {@link #namespace()}, that holds the job folders. Trainers
         * mount it at the orchestrator's {@code work-dir}, which must be the same storage, so every path in
         * {@code spec.json} means the same file on both sides.
         */
        @WithDefault("training-work")
        String workVolumeClaim();

        /** GPUs per trainer, as {@code nvidia.com/gpu} limits; 0 runs the trainer on CPUs only. */
        @WithDefault("1")
        int gpus();

        /** The GPU type trainers get, a key of {@link #gpuTypes()}; unset: any GPU node. */
        Optional<String> gpuType();

        /** The GPU types of the cluster, by the name jobs and tenant quotas use for them (also Kueue's flavor name). */
        Map<String, GpuType> gpuTypes();

        /** The node label that tells GPU types apart (NVIDIA's GPU feature discovery sets this one). */
        @WithDefault("nvidia.com/gpu.product")
        String gpuNodeLabel();

        /** CPU each trainer requests (and is limited to). */
        @WithDefault("2")
        String cpu();

        /** Memory each trainer requests and is limited to: a trainer above it is OOM-killed, not slowed. */
        @WithDefault("8Gi")
        String memory();

        /** Scratch space for the trainer's {@code /tmp}, the only writable path besides the job folder. */
        @WithDefault("1Gi")
        String tmpSize();

        /** How often Kubernetes restarts a trainer that failed with a retryable exit code, within one Job. */
        @WithDefault("2")
        int backoffLimit();

        /** How long a Job may run before Kubernetes stops it ({@code activeDeadlineSeconds}). */
        @WithDefault("PT24H")
        Duration activeDeadline();

        /** How long a finished Job and its pods stay for inspection ({@code ttlSecondsAfterFinished}). */
        @WithDefault("P1D")
        Duration ttlAfterFinished();

        /** Kueue's {@code WorkloadPriorityClass} of training Jobs. */
        @WithDefault("modelyard-training")
        String priorityClass();

        /** How long a trainer's image may fail to pull before the job fails. */
        @WithDefault("PT5M")
        Duration imagePullGrace();

        /** How many new Jobs a job gets after its trainer was evicted or preempted before it fails. */
        @WithDefault("3")
        int maxDisruptionRetries();

        /** The user and group the trainer runs as: the image must not need root. */
        @WithDefault("10001")
        long runAsUser();

        /** The Kueue cohort every tenant's ClusterQueue joins, so idle quota can be borrowed. */
        @WithDefault("modelyard")
        String cohort();
    }

    interface GpuType {

        /** The value of {@code gpu-node-label} on nodes with this GPU, e.g. {@code NVIDIA-A100-SXM4-80GB}. */
        String product();
    }
}
