package dev.modelyard.training.kubernetes;

import dev.modelyard.training.TrainingConfig;
import dev.modelyard.training.executor.TrainerResources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Kubernetes objects of one trainer, built without an API server: a ConfigMap with the job's
 * {@code spec.json} and, per attempt, a {@code batch/v1} Job that Kueue admits. The Job is created suspended in the
 * tenant's LocalQueue; the pod runs the trainer image under the restricted Pod Security profile, with nothing
 * writable but the job's own folder (a sub-path of the work volume, so no trainer sees another job's data) and
 * {@code /tmp}.
 */
public final class TrainingJobFactory {

    public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
    public static final String MANAGED_BY = "modelyard-training-orchestrator";
    public static final String TENANT_LABEL = "modelyard.dev/tenant";
    public static final String JOB_LABEL = "modelyard.dev/job-id";
    public static final String ATTEMPT_LABEL = "modelyard.dev/attempt";
    /** What the job asked for, kept on its Job so that a later attempt asks for the same. */
    public static final String GPU_TYPE_LABEL = "modelyard.dev/gpu-type";
    public static final String GPUS_LABEL = "modelyard.dev/gpus";
    public static final String QUEUE_LABEL = "kueue.x-k8s.io/queue-name";
    public static final String PRIORITY_LABEL = "kueue.x-k8s.io/priority-class";
    public static final String CONTAINER = "trainer";
    public static final String GPU = "nvidia.com/gpu";
    /** Where the spec ConfigMap is mounted; the trainer gets {@code train --spec} with the file below it. */
    static final String SPEC_DIR = "/etc/modelyard/spec";
    static final String SPEC_FILE = "spec.json";
    /** The trainer contract's exit codes that a retry cannot help: invalid input and an exhausted budget. */
    static final List<Integer> FINAL_EXIT_CODES = List.of(2, 3);

    private final TrainingConfig.Kubernetes config;
    private final Path workDir;

    /** @param workDir the orchestrator's work directory, where the job folders are; trainers see it at the same path */
    public TrainingJobFactory(TrainingConfig.Kubernetes config, Path workDir) {
        this.config = config;
        this.workDir = workDir.toAbsolutePath();
        config.gpuType().ifPresent(type -> requireKnown(type, "modelyard.training.kubernetes.gpu-type"));
    }

    /** The name of a job's {@code attempt}-th Job (from 1): Kubernetes names are lower-case, job ids need not be. */
    public static String jobName(String jobId, int attempt) {
        return jobId.toLowerCase(Locale.ROOT) + "-" + attempt;
    }

    public static String specName(String jobId) {
        return jobId.toLowerCase(Locale.ROOT) + "-spec";
    }

    /** The labels every object of the job carries, so it can be found by tenant and job. */
    public static Map<String, String> labels(String tenant, String jobId) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(MANAGED_BY_LABEL, MANAGED_BY);
        labels.put(TENANT_LABEL, tenant);
        labels.put(JOB_LABEL, jobId);
        return labels;
    }

    public ConfigMap specFor(String tenant, String jobId, String specJson) {
        return new ConfigMapBuilder()
                .withNewMetadata().withName(specName(jobId)).withNamespace(config.namespace())
                .withLabels(labels(tenant, jobId)).endMetadata()
                .withImmutable(true)
                .addToData(SPEC_FILE, specJson)
                .build();
    }

    /** What an earlier attempt asked for, from its labels. */
    public static TrainerResources resourcesOf(Job job) {
        Map<String, String> labels = job.getMetadata().getLabels();
        String gpus = labels.get(GPUS_LABEL);
        return new TrainerResources(labels.get(GPU_TYPE_LABEL), gpus == null ? null : Integer.valueOf(gpus));
    }

    /**
     * The {@code attempt}-th Job of the tenant's job; every attempt works in the same folder, so it resumes.
     *
     * @param resources what the job asked for; null fields take the configured defaults
     * @throws IllegalArgumentException when the job asks for a GPU type the cluster does not have (any more)
     */
    public Job jobFor(String tenant, String jobId, int attempt, TrainerResources resources) {
        int gpus = resources != null && resources.gpus() != null ? resources.gpus() : config.gpus();
        Optional<String> gpuType = resources != null && resources.gpuType() != null ? Optional.of(resources.gpuType())
                : config.gpuType();
        gpuType.ifPresent(type -> requireKnown(type, "The job's resources.gpu_type"));
        Map<String, String> podLabels = labels(tenant, jobId);
        podLabels.put(ATTEMPT_LABEL, Integer.toString(attempt));
        Map<String, String> jobLabels = new LinkedHashMap<>(podLabels);
        jobLabels.put(QUEUE_LABEL, tenant);
        jobLabels.put(PRIORITY_LABEL, config.priorityClass());
        jobLabels.put(GPUS_LABEL, Integer.toString(gpus));
        gpuType.ifPresent(type -> jobLabels.put(GPU_TYPE_LABEL, type));
        String jobFolder = workDir.resolve(jobId).toString();
        return new JobBuilder()
                .withNewMetadata().withName(jobName(jobId, attempt)).withNamespace(config.namespace())
                .withLabels(jobLabels).endMetadata()
                .withNewSpec()
                // Kueue unsuspends the Job once the tenant's quota admits it.
                .withSuspend(true)
                .withParallelism(1).withCompletions(1)
                .withBackoffLimit(config.backoffLimit())
                .withActiveDeadlineSeconds(config.activeDeadline().toSeconds())
                .withTtlSecondsAfterFinished((int) config.ttlAfterFinished().toSeconds())
                .withNewPodFailurePolicy()
                // Invalid input or an exhausted budget fail the same way on every try.
                .addNewRule().withAction("FailJob")
                .withNewOnExitCodes().withContainerName(CONTAINER).withOperator("In")
                .withValues(FINAL_EXIT_CODES).endOnExitCodes().endRule()
                // An evicted trainer ends its Job; the orchestrator starts a new one that resumes from the checkpoint.
                .addNewRule().withAction("FailJob")
                .addNewOnPodCondition().withType("DisruptionTarget").withStatus("True").endOnPodCondition().endRule()
                .endPodFailurePolicy()
                .withNewTemplate()
                .withNewMetadata().withLabels(podLabels).endMetadata()
                .withNewSpec()
                .withRestartPolicy("Never")
                .withAutomountServiceAccountToken(false)
                .withEnableServiceLinks(false)
                .withNewSecurityContext()
                .withRunAsNonRoot(true).withRunAsUser(config.runAsUser()).withRunAsGroup(config.runAsUser())
                .withFsGroup(config.runAsUser())
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .withNodeSelector(gpus > 0 && gpuType.isPresent()
                        ? Map.of(config.gpuNodeLabel(), config.gpuTypes().get(gpuType.get()).product()) : Map.of())
                .withTolerations(tolerations(gpus))
                .withContainers(container(jobFolder, gpus))
                .addNewVolume().withName("spec").withNewConfigMap().withName(specName(jobId)).endConfigMap().endVolume()
                .addNewVolume().withName("work").withNewPersistentVolumeClaim()
                .withClaimName(config.workVolumeClaim()).endPersistentVolumeClaim().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().withSizeLimit(new Quantity(config.tmpSize()))
                .endEmptyDir().endVolume()
                .endSpec()
                .endTemplate()
                .endSpec()
                .build();
    }

    private Container container(String jobFolder, int gpus) {
        List<String> command = new ArrayList<>(config.command());
        Map<String, Quantity> requests = new LinkedHashMap<>();
        requests.put("cpu", new Quantity(config.cpu()));
        requests.put("memory", new Quantity(config.memory()));
        Map<String, Quantity> limits = new LinkedHashMap<>(requests);
        if (gpus > 0) {
            limits.put(GPU, new Quantity(Integer.toString(gpus)));
        }
        return new ContainerBuilder()
                .withName(CONTAINER)
                .withImage(config.image())
                .withImagePullPolicy(config.imagePullPolicy())
                .withCommand(command)
                .withArgs("train", "--spec", SPEC_DIR + "/" + SPEC_FILE)
                .withResources(new ResourceRequirementsBuilder().withRequests(requests).withLimits(limits).build())
                .withNewSecurityContext()
                .withAllowPrivilegeEscalation(false).withReadOnlyRootFilesystem(true).withRunAsNonRoot(true)
                .withPrivileged(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                .endSecurityContext()
                .addNewVolumeMount().withName("spec").withMountPath(SPEC_DIR).withReadOnly(true).endVolumeMount()
                // Only the job's own folder of the shared volume, at the path spec.json names.
                .addNewVolumeMount().withName("work").withMountPath(jobFolder)
                .withSubPath(Path.of(jobFolder).getFileName().toString()).endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                // The trainer's last words (an error line) are on stdout already; the log is enough.
                .withTerminationMessagePolicy("FallbackToLogsOnError")
                .build();
    }

    private void requireKnown(String gpuType, String what) {
        if (!config.gpuTypes().containsKey(gpuType)) {
            throw new IllegalArgumentException(what + " " + gpuType + " is not one of the gpu-types "
                    + config.gpuTypes().keySet());
        }
    }

    /** GPU nodes are usually tainted so that only pods asking for GPUs land there. */
    private static List<Toleration> tolerations(int gpus) {
        return gpus > 0
                ? List.of(new TolerationBuilder().withKey(GPU).withOperator("Exists").withEffect("NoSchedule").build())
                : List.of();
    }
}
