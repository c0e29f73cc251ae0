package dev.modelyard.training.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.common.id.Ids;
import dev.modelyard.training.TestConfigs;
import dev.modelyard.training.executor.JobFolder;
import dev.modelyard.training.executor.TrainerHandle;
import dev.modelyard.training.executor.TrainerResources;
import dev.modelyard.training.executor.TrainerState;
import dev.modelyard.training.job.JobError;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the cluster's words (Kueue, the Job controller, the kubelet) become trainer states and retries. */
@EnableKubernetesMockClient(crud = true)
class KubernetesExecutorTest {

    KubernetesClient client;
    KubernetesMockServer server;

    @TempDir
    Path workDir;

    private final MovableClock clock = new MovableClock();
    private ClusterSimulation cluster;
    private KubernetesExecutor executor;

    @BeforeEach
    void start() {
        cluster = new ClusterSimulation(client, server);
        executor = new KubernetesExecutor(client, TestConfigs.training(Map.of("kubernetes.max-disruption-retries", "1",
                "kubernetes.image-pull-grace", "PT5M")).kubernetes(), workDir, clock);
    }

    @AfterEach
    void stop() {
        executor.close();
    }

    @Test
    void waitsWithKueuesReasonUntilTheJobIsAdmitted() throws Exception {
        JobFolder folder = folder();
        TrainerHandle handle = executor.launch("acme", folder, null);
        Job job = cluster.job(handle.trainer());
        assertThat(job.getSpec().getSuspend()).isTrue();
        assertThat(client.configMaps().inNamespace(ClusterSimulation.NAMESPACE)
                .withName(TrainingJobFactory.specName(folder.jobId())).get().getData().get("spec.json"))
                .isEqualTo(Files.readString(folder.spec()));
        assertThat(executor.state(handle)).isEqualTo(new TrainerState.Waiting(
                "Waiting for Kueue to admit the job from queue acme"));

        client.genericKubernetesResources(KubernetesExecutor.WORKLOADS).inNamespace(ClusterSimulation.NAMESPACE)
                .resource(new GenericKubernetesResourceBuilder().withApiVersion("kueue.x-k8s.io/v1beta1")
                        .withKind("Workload").withNewMetadata().withName("job-" + handle.trainer())
                        .withNamespace(ClusterSimulation.NAMESPACE)
                        .withLabels(Map.of("kueue.x-k8s.io/job-uid", job.getMetadata().getUid())).endMetadata()
                        .addToAdditionalProperties("status", Map.of("conditions", List.of(Map.of("type", "QuotaReserved",
                                "status", "False", "reason", "Pending",
                                "message", "couldn't assign flavors to pod set main: insufficient quota for nvidia.com/gpu"))))
                        .build()).create();
        assertThat(executor.state(handle)).isEqualTo(new TrainerState.Waiting("Waiting for Kueue to admit the job from "
                + "queue acme: couldn't assign flavors to pod set main: insufficient quota for nvidia.com/gpu"));

        server.expect().get().withPath("/apis/visibility.kueue.x-k8s.io/v1beta1/namespaces/" + ClusterSimulation.NAMESPACE
                + "/localqueues/acme/pendingworkloads").andReturn(200, "{\"items\":["
                + "{\"metadata\":{\"name\":\"job-other\",\"ownerReferences\":[{\"uid\":\"another\"}]},\"positionInLocalQueue\":0},"
                + "{\"metadata\":{\"name\":\"job-this\",\"ownerReferences\":[{\"uid\":\"" + job.getMetadata().getUid()
                + "\"}]},\"positionInLocalQueue\":1,\"positionInClusterQueue\":4}]}").always();
        assertThat(executor.state(handle)).isEqualTo(new TrainerState.Waiting("Waiting for Kueue to admit the job from "
                + "queue acme (position 2): couldn't assign flavors to pod set main: insufficient quota for nvidia.com/gpu"));

        cluster.admit(handle.trainer());
        TrainerState running = awaitState(handle, TrainerState.Running.class::isInstance);
        assertThat(((TrainerState.Running) running).note()).startsWith("Admitted by Kueue; the trainer runs in pod "
                + handle.trainer());
    }

    @Test
    void aJobKueueTakesBackWaitsAgain() throws Exception {
        TrainerHandle handle = executor.launch("acme", folder(), null);
        cluster.admit(handle.trainer());
        awaitState(handle, TrainerState.Running.class::isInstance);
        // Kueue preempts by suspending the Job; it resumes where its checkpoint is once admitted again.
        client.batch().v1().jobs().inNamespace(ClusterSimulation.NAMESPACE).withName(handle.trainer()).edit(job -> {
            job.getSpec().setSuspend(true);
            return job;
        });
        assertThat(awaitState(handle, TrainerState.Waiting.class::isInstance))
                .isEqualTo(new TrainerState.Waiting("Waiting for Kueue to admit the job from queue acme"));
    }

    @Test
    void anImageThatCannotBePulledFailsTheJobAfterTheGracePeriodAndFreesItsQuota() throws Exception {
        TrainerHandle handle = executor.launch("acme", folder(), null);
        Pod pod = cluster.admit(handle.trainer());
        client.pods().inNamespace(ClusterSimulation.NAMESPACE).withName(pod.getMetadata().getName()).editStatus(edited -> {
            edited.getStatus().setPhase("Pending");
            edited.getStatus().getContainerStatuses().get(0).setState(new ContainerStateBuilder().withNewWaiting()
                    .withReason("ImagePullBackOff").withMessage("Back-off pulling image").endWaiting().build());
            return edited;
        });
        clock.set(Instant.parse(pod.getMetadata().getCreationTimestamp()).plus(Duration.ofMinutes(1)));
        TrainerState backingOff = awaitState(handle, state -> state instanceof TrainerState.Running running
                && running.note().contains("ImagePullBackOff"));
        assertThat(((TrainerState.Running) backingOff).note()).isEqualTo("The trainer image modelyard/trainer:0.1.0 "
                + "cannot be pulled (ImagePullBackOff: Back-off pulling image); the job fails if it still cannot after 300 s");

        clock.set(Instant.parse(pod.getMetadata().getCreationTimestamp()).plus(Duration.ofMinutes(5)));
        assertThat(executor.state(handle)).isEqualTo(new TrainerState.Failed(JobError.FAILED, "The trainer image "
                + "modelyard/trainer:0.1.0 cannot be pulled (ImagePullBackOff: Back-off pulling image)"));
        assertThat(cluster.job(handle.trainer())).isNull();
    }

    @Test
    void aTrainerKilledForItsMemoryFailsSayingSo() throws Exception {
        TrainerHandle handle = executor.launch("acme", folder(), null);
        Pod pod = cluster.admit(handle.trainer());
        cluster.terminate(pod.getMetadata().getName(), 137, "OOMKilled");
        cluster.condition(handle.trainer(), "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        assertThat(awaitEnd(handle)).isEqualTo(new TrainerState.Failed(JobError.FAILED,
                "The trainer ran out of memory (OOMKilled at its limit of 8Gi)"));
    }

    @Test
    void aTrainerPastItsDeadlineFailsSayingSo() throws Exception {
        TrainerHandle handle = executor.launch("acme", folder(), null);
        cluster.admit(handle.trainer());
        cluster.condition(handle.trainer(), "Failed", "DeadlineExceeded", "Job was active longer than specified deadline");
        assertThat(awaitEnd(handle)).isEqualTo(new TrainerState.Failed(JobError.FAILED,
                "The trainer ran longer than the job's deadline of 86400 s and was stopped"));
    }

    @Test
    void anEvictedTrainerResumesInANewJobOverTheSameFolderAndItsLogsFollowOneAnother() throws Exception {
        JobFolder folder = folder();
        TrainerHandle handle = executor.launch("acme", folder, new TrainerResources(null, 0));
        Pod first = cluster.admit(handle.trainer());
        cluster.print(first.getMetadata().getName(), "{\"type\":\"started\"}");
        cluster.print(first.getMetadata().getName(), "{\"type\":\"step\",\"step\":1}");
        cluster.evict(handle.trainer(), first);

        TrainerState retried = awaitState(handle, TrainerState.Waiting.class::isInstance);
        assertThat(((TrainerState.Waiting) retried).note()).isEqualTo("The trainer was interrupted (EvictionByEvictionAPI: "
                + "Eviction API: evicting); attempt 2 resumes from its last checkpoint once Kueue admits it");
        String second = TrainingJobFactory.jobName(folder.jobId(), 2);
        Job retry = cluster.job(second);
        assertThat(retry.getSpec().getSuspend()).isTrue();
        assertThat(retry.getMetadata().getLabels()).containsEntry("modelyard.dev/attempt", "2")
                .containsEntry("kueue.x-k8s.io/queue-name", "acme");
        assertThat(retry.getSpec().getTemplate().getSpec().getContainers().get(0).getVolumeMounts().get(1).getSubPath())
                .isEqualTo(folder.jobId());
        // It asks for what the job asked for: no GPU.
        assertThat(retry.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits())
                .doesNotContainKey("nvidia.com/gpu");

        Pod resumed = cluster.admit(second);
        cluster.print(resumed.getMetadata().getName(), "{\"type\":\"started\"}");
        cluster.print(resumed.getMetadata().getName(), "{\"type\":\"resumed\",\"step\":1}");
        cluster.print(resumed.getMetadata().getName(), "{\"type\":\"completed\"}");
        cluster.exit(second, resumed.getMetadata().getName(), 0);
        assertThat(awaitEnd(handle)).isEqualTo(new TrainerState.Exited(OptionalInt.of(0)));
        assertThat(Files.readString(folder.progress())).isEqualTo("""
                {"type":"started"}
                {"type":"step","step":1}
                {"type":"started"}
                {"type":"resumed","step":1}
                {"type":"completed"}
                """);
    }

    @Test
    void givesUpAfterTheConfiguredNumberOfEvictions() throws Exception {
        JobFolder folder = folder();
        TrainerHandle handle = executor.launch("acme", folder, null);
        cluster.evict(handle.trainer(), cluster.admit(handle.trainer()));
        awaitState(handle, TrainerState.Waiting.class::isInstance);
        String second = TrainingJobFactory.jobName(folder.jobId(), 2);
        cluster.evict(second, cluster.admit(second));
        assertThat(awaitEnd(handle)).isEqualTo(new TrainerState.Failed(JobError.FAILED, "The trainer was interrupted 2 "
                + "times, the last time by EvictionByEvictionAPI: Eviction API: evicting"));
        assertThat(cluster.job(TrainingJobFactory.jobName(folder.jobId(), 3))).isNull();
    }

    @Test
    void aJobAnEarlierOrchestratorCreatedIsAdoptedAndAGoneOneHasVanished() throws Exception {
        JobFolder folder = folder();
        TrainerHandle first = executor.launch("acme", folder, null);
        TrainerHandle again = executor.launch("acme", folder, null);
        assertThat(again).isEqualTo(first);

        client.batch().v1().jobs().inNamespace(ClusterSimulation.NAMESPACE).withName(first.trainer()).delete();
        awaitState(first, TrainerState.Vanished.class::isInstance);
    }

    private JobFolder folder() throws Exception {
        JobFolder folder = JobFolder.of(workDir, Ids.next("ftjob"));
        Files.createDirectories(folder.output());
        Files.writeString(folder.spec(), "{\"job_id\":\"" + folder.jobId() + "\"}");
        return folder;
    }

    private TrainerState awaitState(TrainerHandle handle, Predicate<TrainerState> expected) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> executor.state(handle), expected);
    }

    private TrainerState awaitEnd(TrainerHandle handle) {
        return awaitState(handle, state -> !(state instanceof TrainerState.Running) && !(state instanceof TrainerState.Waiting));
    }

    /** Time that moves only when the test says so. */
    private static final class MovableClock extends Clock {
        private volatile Instant now = Instant.now();

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
