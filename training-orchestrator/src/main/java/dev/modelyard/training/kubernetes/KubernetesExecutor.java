package dev.modelyard.training.kubernetes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.training.TrainingConfig;
import dev.modelyard.training.executor.JobFolder;
import dev.modelyard.training.executor.TrainerExecutor;
import dev.modelyard.training.executor.TrainerHandle;
import dev.modelyard.training.executor.TrainerResources;
import dev.modelyard.training.executor.TrainerState;
import dev.modelyard.training.job.JobError;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs each trainer as a Kubernetes Job (built by {@link TrainingJobFactory}) that Kueue admits from the tenant's
 * LocalQueue, and stays {@link TrainerState.Waiting} (with its place in the queue) until Kueue admits it. Informers keep the namespace's Jobs and Pods in memory, so a poll reads no more than the logs of the
 * pods that run. What the cluster says becomes a {@link TrainerState}: a suspended Job waits for Kueue; a completed
 * one exited 0; a failed one exited with its trainer's code, ran out of memory, ran past its deadline or was
 * evicted, and an evicted one gets a new Job over the same folder, where the trainer resumes from its checkpoint.
 * Each pod's log, the trainer's progress lines, is copied into the job folder and {@code progress.jsonl} is
 * assembled from the copies in the order of the attempts, so it only ever grows and a restarted orchestrator reads
 * on from its offset. Everything it needs is in the cluster and the job folder: after a restart it simply answers
 * from there.
 */
public class KubernetesExecutor implements TrainerExecutor, AutoCloseable {

    private static final Logger LOG = Logger.getLogger(KubernetesExecutor.class);
    /** Container waiting reasons that mean the image cannot be had; others (ContainerCreating) pass by themselves. */
    static final Set<String> IMAGE_PULL_FAILURES = Set.of("ErrImagePull", "ImagePullBackOff", "InvalidImageName");
    static final ResourceDefinitionContext WORKLOADS = new ResourceDefinitionContext.Builder()
            .withGroup("kueue.x-k8s.io").withVersion("v1beta1").withKind("Workload").withPlural("workloads")
            .withNamespaced(true).build();

    /** Kueue's on-demand view of pending workloads, which knows their positions (Workloads' status does not). */
    static final String VISIBILITY_API = "visibility.kueue.x-k8s.io/v1beta1";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BY_JOB = "job";

    private final KubernetesClient client;
    private final TrainingConfig.Kubernetes config;
    private final TrainingJobFactory factory;
    private final Path workDir;
    private final Clock clock;
    private final SharedIndexInformer<Job> jobs;
    private final SharedIndexInformer<Pod> pods;

    public KubernetesExecutor(KubernetesClient client, TrainingConfig.Kubernetes config, Path workDir, Clock clock) {
        this.client = client;
        this.config = config;
        this.workDir = workDir.toAbsolutePath();
        this.factory = new TrainingJobFactory(config, this.workDir);
        this.clock = clock;
        this.jobs = indexedByJob(client.batch().v1().jobs().inNamespace(config.namespace())
                .withLabel(TrainingJobFactory.MANAGED_BY_LABEL, TrainingJobFactory.MANAGED_BY).runnableInformer(0));
        this.pods = indexedByJob(client.pods().inNamespace(config.namespace())
                .withLabel(TrainingJobFactory.MANAGED_BY_LABEL, TrainingJobFactory.MANAGED_BY).runnableInformer(0));
    }

    @Override
    public TrainerHandle launch(String tenant, JobFolder folder, TrainerResources resources) throws IOException {
        String jobId = folder.jobId();
        String spec = Files.readString(folder.spec(), StandardCharsets.UTF_8);
        try {
            createOrAdopt(factory.specFor(tenant, jobId, spec));
            return handleOf(createOrAdopt(factory.jobFor(tenant, jobId, 1, resources)));
        } catch (KubernetesClientException e) {
            throw new IOException("Kubernetes refused the trainer's Job: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public TrainerState state(TrainerHandle handle) {
        String jobId = jobIdOf(handle);
        List<Job> attempts = attempts(jobId);
        if (attempts.isEmpty()) {
            return new TrainerState.Vanished();
        }
        Job latest = attempts.get(attempts.size() - 1);
        List<Pod> jobPods = podsOf(jobId);
        // The handle's name is lower case; the folder is named by the id as the job's label spells it.
        copyLogs(labelOf(latest, TrainingJobFactory.JOB_LABEL), jobPods);
        int attempt = attemptOf(latest);
        Optional<Pod> pod = jobPods.stream().filter(candidate -> attemptOf(candidate) == attempt)
                .max(Comparator.comparing(candidate -> candidate.getMetadata().getCreationTimestamp()));
        if (isTrue(latest, "Complete")) {
            return new TrainerState.Exited(OptionalInt.of(0));
        }
        if (isTrue(latest, "Failed")) {
            return failed(latest, attempt, pod);
        }
        if (Boolean.TRUE.equals(latest.getSpec().getSuspend())) {
            return new TrainerState.Waiting(waitingNote(latest, attempt));
        }
        return pod.map(this::running).orElseGet(() -> new TrainerState.Running("Admitted by Kueue; the trainer's pod "
                + "is being created"));
    }

    @Override
    public void kill(TrainerHandle handle) {
        deleteJobsOf(jobIdOf(handle));
        release(handle);
    }

    /** The spec ConfigMap goes; ended Jobs stay until their TTL, for whoever wants to look at them. */
    @Override
    public void release(TrainerHandle handle) {
        client.configMaps().inNamespace(config.namespace()).withName(TrainingJobFactory.specName(jobIdOf(handle)))
                .delete();
    }

    @Override
    public void close() {
        jobs.close();
        pods.close();
    }

    private <T extends HasMetadata> T createOrAdopt(T object) {
        try {
            return client.resource(object).create();
        } catch (KubernetesClientException e) {
            // An earlier orchestrator created it and stopped before it could record so.
            if (e.getCode() == 409) {
                return client.resource(object).get();
            }
            throw e;
        }
    }

    private static TrainerHandle handleOf(Job job) {
        String created = job.getMetadata().getCreationTimestamp();
        return new TrainerHandle(job.getMetadata().getName(), created == null ? Instant.EPOCH : Instant.parse(created));
    }

    /** The job's id, in lower case, from a handle that names one of its Jobs; compared ignoring case. */
    private String jobIdOf(TrainerHandle handle) {
        String name = handle.trainer();
        return name.substring(0, name.lastIndexOf('-'));
    }

    /** The job's Jobs, first attempt first: from the informer, or from the API server while the informer lags. */
    private List<Job> attempts(String jobId) {
        List<Job> cached = ofJob(jobs.getIndexer().byIndex(BY_JOB, jobId).stream(), jobId);
        if (!cached.isEmpty()) {
            return cached;
        }
        return ofJob(client.batch().v1().jobs().inNamespace(config.namespace())
                .withLabel(TrainingJobFactory.MANAGED_BY_LABEL, TrainingJobFactory.MANAGED_BY).list().getItems().stream(),
                jobId);
    }

    private List<Pod> podsOf(String jobId) {
        return ofJob(pods.getIndexer().byIndex(BY_JOB, jobId).stream(), jobId);
    }

    /** Started with an index by job id (lower case, as handles name it), so a poll does not scan the namespace. */
    private static <T extends HasMetadata> SharedIndexInformer<T> indexedByJob(SharedIndexInformer<T> informer) {
        informer.addIndexers(Map.of(BY_JOB, object -> {
            String jobId = labelOf(object, TrainingJobFactory.JOB_LABEL);
            return jobId == null ? List.of() : List.of(jobId.toLowerCase(Locale.ROOT));
        }));
        informer.run();
        return informer;
    }

    private static <T extends HasMetadata> List<T> ofJob(Stream<T> objects, String jobId) {
        return objects.filter(object -> jobId.equalsIgnoreCase(labelOf(object, TrainingJobFactory.JOB_LABEL)))
                .sorted(Comparator.comparingInt(KubernetesExecutor::attemptOf)
                        .thenComparing(object -> Objects.toString(object.getMetadata().getCreationTimestamp(), ""))
                        .thenComparing(object -> object.getMetadata().getName()))
                .toList();
    }

    private static String labelOf(HasMetadata object, String label) {
        Map<String, String> labels = object.getMetadata().getLabels();
        return labels == null ? null : labels.get(label);
    }

    private static int attemptOf(HasMetadata object) {
        String attempt = labelOf(object, TrainingJobFactory.ATTEMPT_LABEL);
        return attempt == null ? 0 : Integer.parseInt(attempt);
    }

    private static boolean isTrue(Job job, String type) {
        return condition(job, type).isPresent();
    }

    private static Optional<JobCondition> condition(Job job, String type) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()))
                .findFirst();
    }

    private TrainerState failed(Job job, int attempt, Optional<Pod> pod) {
        String reason = condition(job, "Failed").map(JobCondition::getReason).orElse("");
        if ("DeadlineExceeded".equals(reason)) {
            return new TrainerState.Failed(JobError.FAILED, "The trainer ran longer than the job's deadline of "
                    + config.activeDeadline().toSeconds() + " s and was stopped");
        }
        if (pod.isPresent() && podConditionTrue(pod.get(), "DisruptionTarget")) {
            return retry(job, attempt, pod.get());
        }
        Optional<ContainerStateTerminated> terminated = pod.flatMap(KubernetesExecutor::trainerStatus)
                .map(status -> status.getState() == null ? null : status.getState().getTerminated());
        if (terminated.isPresent() && "OOMKilled".equals(terminated.get().getReason())) {
            return new TrainerState.Failed(JobError.FAILED, "The trainer ran out of memory (OOMKilled at its limit of "
                    + config.memory() + ")");
        }
        if (terminated.isPresent() && terminated.get().getExitCode() != null) {
            return new TrainerState.Exited(OptionalInt.of(terminated.get().getExitCode()));
        }
        String message = condition(job, "Failed").map(JobCondition::getMessage).orElse(null);
        return new TrainerState.Failed(JobError.FAILED, "Kubernetes failed the trainer's Job (" + reason + ")"
                + (message == null ? "" : ": " + message));
    }

    /** An evicted or preempted trainer: a new Job, in the queue again, over the same folder. */
    private TrainerState retry(Job job, int attempt, Pod pod) {
        String why = pod.getStatus().getConditions().stream()
                .filter(condition -> "DisruptionTarget".equals(condition.getType()))
                .map(condition -> condition.getReason() + (condition.getMessage() == null ? "" : ": " + condition.getMessage()))
                .findFirst().orElse("disrupted");
        if (attempt > config.maxDisruptionRetries()) {
            return new TrainerState.Failed(JobError.FAILED, "The trainer was interrupted " + attempt
                    + " times, the last time by " + why);
        }
        String tenant = labelOf(job, TrainingJobFactory.TENANT_LABEL);
        String jobId = labelOf(job, TrainingJobFactory.JOB_LABEL);
        createOrAdopt(factory.jobFor(tenant, jobId, attempt + 1, TrainingJobFactory.resourcesOf(job)));
        return new TrainerState.Waiting("The trainer was interrupted (" + why + "); attempt " + (attempt + 1)
                + " resumes from its last checkpoint once Kueue admits it");
    }

    private TrainerState running(Pod pod) {
        Optional<ContainerStateWaiting> waiting = trainerStatus(pod)
                .map(status -> status.getState() == null ? null : status.getState().getWaiting());
        if (waiting.isPresent() && IMAGE_PULL_FAILURES.contains(waiting.get().getReason())) {
            Instant since = Instant.parse(pod.getMetadata().getCreationTimestamp());
            String problem = "The trainer image " + config.image() + " cannot be pulled (" + waiting.get().getReason()
                    + (waiting.get().getMessage() == null ? "" : ": " + waiting.get().getMessage()) + ")";
            if (Duration.between(since, clock.instant()).compareTo(config.imagePullGrace()) >= 0) {
                // It would hold its quota until the deadline otherwise.
                deleteJobsOf(labelOf(pod, TrainingJobFactory.JOB_LABEL));
                return new TrainerState.Failed(JobError.FAILED, problem);
            }
            return new TrainerState.Running(problem + "; the job fails if it still cannot after "
                    + config.imagePullGrace().toSeconds() + " s");
        }
        return new TrainerState.Running("Admitted by Kueue; the trainer runs in pod " + pod.getMetadata().getName());
    }

    /** Background propagation: the call returns at once and the garbage collector takes the pods. */
    private void deleteJobsOf(String jobId) {
        for (Job job : attempts(jobId)) {
            client.resource(job).withPropagationPolicy(DeletionPropagation.BACKGROUND).delete();
        }
    }

    /**
     * Why a suspended Job waits: its place in the LocalQueue, from Kueue's visibility API, and Kueue's own words from
     * its Workload, when either has something to say.
     */
    private String waitingNote(Job job, int attempt) {
        String queue = labelOf(job, TrainingJobFactory.QUEUE_LABEL);
        StringBuilder note = new StringBuilder(attempt == 1 ? "Waiting for Kueue to admit the job from queue " + queue
                : "Attempt " + attempt + " waits for Kueue to admit it from queue " + queue);
        try {
            positionInQueue(queue, job.getMetadata().getUid())
                    .ifPresent(position -> note.append(" (position ").append(position + 1).append(')'));
            client.genericKubernetesResources(WORKLOADS).inNamespace(config.namespace())
                    .withLabel("kueue.x-k8s.io/job-uid", job.getMetadata().getUid()).list().getItems().stream()
                    .flatMap(workload -> pendingMessage(workload).stream()).findFirst()
                    .ifPresent(message -> note.append(": ").append(message));
        } catch (KubernetesClientException | IllegalArgumentException e) {
            LOG.debugf("Cannot ask Kueue about Job %s: %s", job.getMetadata().getName(), e.getMessage());
        }
        return note.toString();
    }

    /** Where the Job's Workload stands in its LocalQueue, counted from 0, as Kueue's visibility API reports it. */
    private Optional<Integer> positionInQueue(String queue, String jobUid) {
        String answer = client.raw(client.getMasterUrl().toString().replaceAll("/$", "") + "/apis/"
                + VISIBILITY_API + "/namespaces/" + config.namespace() + "/localqueues/" + queue + "/pendingworkloads");
        if (answer == null) {
            return Optional.empty();
        }
        try {
            for (JsonNode pending : JSON.readTree(answer).path("items")) {
                for (JsonNode owner : pending.path("metadata").path("ownerReferences")) {
                    if (owner.path("uid").asText().equals(jobUid) && pending.path("positionInLocalQueue").isInt()) {
                        return Optional.of(pending.get("positionInLocalQueue").asInt());
                    }
                }
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Kueue's pending workloads are not JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The message of the Workload's {@code QuotaReserved} condition while it is false: why it is not admitted. */
    @SuppressWarnings("unchecked")
    private static Optional<String> pendingMessage(GenericKubernetesResource workload) {
        Object status = workload.getAdditionalProperties().get("status");
        if (!(status instanceof Map<?, ?> fields) || !(fields.get("conditions") instanceof List<?> conditions)) {
            return Optional.empty();
        }
        return conditions.stream().filter(Map.class::isInstance).map(condition -> (Map<String, Object>) condition)
                .filter(condition -> "QuotaReserved".equals(condition.get("type")) && "False".equals(condition.get("status")))
                .map(condition -> (String) condition.get("message")).filter(Objects::nonNull).findFirst();
    }

    private static Optional<ContainerStatus> trainerStatus(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getContainerStatuses().stream()
                .filter(status -> TrainingJobFactory.CONTAINER.equals(status.getName())).findFirst();
    }

    private static boolean podConditionTrue(Pod pod, String type) {
        return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                .stream().anyMatch(condition -> type.equals(condition.getType()) && "True".equals(condition.getStatus()));
    }

    /**
     * Copies each pod's log (its trainer's stdout) into {@code pods/}, then writes {@code progress.jsonl} as the
     * copies one after the other, attempts in order. A pod's log only grows and earlier pods have ended, so the new
     * file starts with the old one: the supervisor's offset into it stays valid.
     */
    private void copyLogs(String jobId, List<Pod> jobPods) {
        JobFolder folder = JobFolder.of(workDir, jobId);
        try {
            Files.createDirectories(folder.podLogs());
            boolean changed = false;
            for (Pod pod : jobPods) {
                if (pod.getStatus() == null || "Pending".equals(pod.getStatus().getPhase())) {
                    continue;
                }
                Path copy = folder.podLogs().resolve(logName(pod));
                String log = client.pods().inNamespace(config.namespace()).withName(pod.getMetadata().getName())
                        .inContainer(TrainingJobFactory.CONTAINER).getLog();
                byte[] bytes = log == null ? new byte[0] : log.getBytes(StandardCharsets.UTF_8);
                if (!Files.exists(copy) || Files.size(copy) < bytes.length) {
                    writeAtomically(copy, bytes);
                    changed = true;
                }
            }
            if (changed || !Files.exists(folder.progress())) {
                writeAtomically(folder.progress(), assemble(folder.podLogs()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy the trainer's log of job " + jobId, e);
        } catch (KubernetesClientException e) {
            // The pod may be gone (TTL, eviction); its copy stays what it was.
            LOG.debugf("Cannot read the trainer's log of job %s: %s", jobId, e.getMessage());
        }
    }

    /** Sorts as the pods ran: attempt, then creation time, then name. */
    private static String logName(Pod pod) {
        Instant created = Instant.parse(pod.getMetadata().getCreationTimestamp());
        return String.format("%03d-%013d-%s.log", attemptOf(pod), created.toEpochMilli(), pod.getMetadata().getName());
    }

    private static byte[] assemble(Path podLogs) throws IOException {
        List<Path> copies;
        try (Stream<Path> files = Files.list(podLogs)) {
            copies = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        List<byte[]> parts = new ArrayList<>();
        int size = 0;
        for (Path copy : copies) {
            byte[] part = Files.readAllBytes(copy);
            parts.add(part);
            size += part.length + 1;
        }
        byte[] all = new byte[size];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
            // A pod killed mid-line must not glue its last bytes to the next pod's first line.
            if (part.length > 0 && part[part.length - 1] != '\n') {
                all[at++] = '\n';
            }
        }
        return Arrays.copyOf(all, at);
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.write(partial, bytes);
        Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
