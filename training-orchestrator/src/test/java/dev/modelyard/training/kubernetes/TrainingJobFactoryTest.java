package dev.modelyard.training.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.training.TestConfigs;
import dev.modelyard.training.executor.TrainerResources;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobSpec;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingJobFactoryTest {

    private static final String JOB_ID = "ftjob-01JDC3Z8K5R2V7M4Q9X1T6B3NE";
    private static final Path WORK_DIR = Path.of("/var/lib/modelyard/training");

    @Test
    void aSuspendedJobInTheTenantsKueueQueueLabelledWithTenantAndJob() {
        Job job = factory(Map.of()).jobFor("acme", JOB_ID, 2, null);

        assertThat(job.getApiVersion()).isEqualTo("batch/v1");
        assertThat(job.getMetadata().getName()).isEqualTo("ftjob-01jdc3z8k5r2v7m4q9x1t6b3ne-2");
        assertThat(job.getMetadata().getNamespace()).isEqualTo("modelyard-training");
        assertThat(job.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "acme")
                .containsEntry("kueue.x-k8s.io/priority-class", "modelyard-training")
                .containsEntry("modelyard.dev/tenant", "acme").containsEntry("modelyard.dev/job-id", JOB_ID)
                .containsEntry("modelyard.dev/attempt", "2")
                .containsEntry("app.kubernetes.io/managed-by", "modelyard-training-orchestrator");
        assertThat(job.getSpec().getTemplate().getMetadata().getLabels()).containsEntry("modelyard.dev/tenant", "acme")
                .containsEntry("modelyard.dev/job-id", JOB_ID).doesNotContainKey("kueue.x-k8s.io/queue-name");
        JobSpec spec = job.getSpec();
        assertThat(spec.getSuspend()).isTrue();
        assertThat(spec.getBackoffLimit()).isEqualTo(2);
        assertThat(spec.getActiveDeadlineSeconds()).isEqualTo(86_400L);
        assertThat(spec.getTtlSecondsAfterFinished()).isEqualTo(86_400);
        assertThat(spec.getTemplate().getSpec().getRestartPolicy()).isEqualTo("Never");
    }

    @Test
    void runsTheTrainerImageOnItsMountedSpecAsTheTrainerContractSays() {
        Job job = factory(Map.of("kubernetes.image", "registry.example/trainer:2.1")).jobFor("acme", JOB_ID, 1, null);
        Container trainer = onlyContainer(job);
        assertThat(trainer.getImage()).isEqualTo("registry.example/trainer:2.1");
        assertThat(trainer.getCommand()).containsExactly("java", "-jar", "/opt/modelyard/trainer.jar");
        assertThat(trainer.getArgs()).containsExactly("train", "--spec", "/etc/modelyard/spec/spec.json");

        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(mount(trainer, "spec").getMountPath()).isEqualTo("/etc/modelyard/spec");
        assertThat(mount(trainer, "spec").getReadOnly()).isTrue();
        assertThat(volume(pod, "spec").getConfigMap().getName()).isEqualTo("ftjob-01jdc3z8k5r2v7m4q9x1t6b3ne-spec");
        // Only the job's own folder, where spec.json's paths point.
        assertThat(mount(trainer, "work").getMountPath()).isEqualTo("/var/lib/modelyard/training/" + JOB_ID);
        assertThat(mount(trainer, "work").getSubPath()).isEqualTo(JOB_ID);
        assertThat(volume(pod, "work").getPersistentVolumeClaim().getClaimName()).isEqualTo("training-work");

        ConfigMap spec = factory(Map.of()).specFor("acme", JOB_ID, "{\"job_id\":\"" + JOB_ID + "\"}");
        assertThat(spec.getMetadata().getName()).isEqualTo("ftjob-01jdc3z8k5r2v7m4q9x1t6b3ne-spec");
        assertThat(spec.getData()).containsEntry("spec.json", "{\"job_id\":\"" + JOB_ID + "\"}");
        assertThat(spec.getImmutable()).isTrue();
        assertThat(spec.getMetadata().getLabels()).containsEntry("modelyard.dev/tenant", "acme");
    }

    @Test
    void asksForGpusOfTheConfiguredTypeWithCpuAndMemory() {
        Job job = factory(Map.of("kubernetes.gpus", "2", "kubernetes.gpu-type", "a100",
                "kubernetes.gpu-types.a100.product", "NVIDIA-A100-SXM4-80GB", "kubernetes.cpu", "4",
                "kubernetes.memory", "16Gi")).jobFor("acme", JOB_ID, 1, null);
        Container trainer = onlyContainer(job);
        assertThat(trainer.getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("2"))
                .containsEntry("memory", new Quantity("16Gi")).containsEntry("cpu", new Quantity("4"));
        assertThat(trainer.getResources().getRequests()).containsEntry("cpu", new Quantity("4"))
                .containsEntry("memory", new Quantity("16Gi")).doesNotContainKey("nvidia.com/gpu");
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getNodeSelector()).containsExactlyEntriesOf(Map.of("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB"));
        assertThat(pod.getTolerations()).singleElement().satisfies(toleration -> {
            assertThat(toleration.getKey()).isEqualTo("nvidia.com/gpu");
            assertThat(toleration.getOperator()).isEqualTo("Exists");
            assertThat(toleration.getEffect()).isEqualTo("NoSchedule");
        });
    }

    @Test
    void aJobsOwnRequestOutweighsTheDefaultsAndIsKeptForItsNextAttempt() {
        TrainingJobFactory factory = factory(Map.of("kubernetes.gpu-type", "a100",
                "kubernetes.gpu-types.a100.product", "NVIDIA-A100-SXM4-80GB", "kubernetes.gpu-types.l4.product", "NVIDIA-L4"));
        Job job = factory.jobFor("acme", JOB_ID, 1, new TrainerResources("l4", 4));
        assertThat(onlyContainer(job).getResources().getLimits()).containsEntry("nvidia.com/gpu", new Quantity("4"));
        assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector())
                .containsExactlyEntriesOf(Map.of("nvidia.com/gpu.product", "NVIDIA-L4"));
        assertThat(TrainingJobFactory.resourcesOf(job)).isEqualTo(new TrainerResources("l4", 4));
        assertThat(TrainingJobFactory.resourcesOf(factory.jobFor("acme", JOB_ID, 1, null)))
                .isEqualTo(new TrainerResources("a100", 1));
        assertThatThrownBy(() -> factory.jobFor("acme", JOB_ID, 1, new TrainerResources("h100", 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("resources.gpu_type h100");
    }

    @Test
    void aCpuOnlyTrainerGetsNoGpuNorGpuNodes() {
        Job job = factory(Map.of("kubernetes.gpus", "0")).jobFor("acme", JOB_ID, 1, null);
        assertThat(onlyContainer(job).getResources().getLimits()).doesNotContainKey("nvidia.com/gpu");
        assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector()).isEmpty();
        assertThat(job.getSpec().getTemplate().getSpec().getTolerations()).isEmpty();
    }

    @Test
    void refusesAGpuTypeItDoesNotKnow() {
        assertThatThrownBy(() -> factory(Map.of("kubernetes.gpu-type", "h100")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("gpu-type h100");
    }

    @Test
    void runsRestrictedWithNothingWritableButItsFolderAndTmp() {
        Job job = factory(Map.of()).jobFor("acme", JOB_ID, 1, null);
        PodSpec pod = job.getSpec().getTemplate().getSpec();
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(pod.getSecurityContext().getRunAsUser()).isEqualTo(10001L);
        assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(pod.getAutomountServiceAccountToken()).isFalse();
        Container trainer = onlyContainer(job);
        assertThat(trainer.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(trainer.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(trainer.getSecurityContext().getPrivileged()).isFalse();
        assertThat(trainer.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(trainer.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(mount(trainer, "tmp").getMountPath()).isEqualTo("/tmp");
        assertThat(volume(pod, "tmp").getEmptyDir().getSizeLimit()).isEqualTo(new Quantity("1Gi"));
        assertThat(trainer.getVolumeMounts()).extracting(VolumeMount::getName).containsExactly("spec", "work", "tmp");
    }

    @Test
    void failsAtOnceOnFinalExitCodesAndOnDisruptionSoTheOrchestratorStartsANewJob() {
        List<PodFailurePolicyRule> rules = factory(Map.of()).jobFor("acme", JOB_ID, 1, null).getSpec().getPodFailurePolicy()
                .getRules();
        assertThat(rules).hasSize(2);
        assertThat(rules.get(0).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(0).getOnExitCodes().getContainerName()).isEqualTo("trainer");
        assertThat(rules.get(0).getOnExitCodes().getOperator()).isEqualTo("In");
        assertThat(rules.get(0).getOnExitCodes().getValues()).containsExactly(2, 3);
        assertThat(rules.get(1).getAction()).isEqualTo("FailJob");
        assertThat(rules.get(1).getOnPodConditions()).singleElement()
                .satisfies(condition -> assertThat(condition.getType()).isEqualTo("DisruptionTarget"));
    }

    private static TrainingJobFactory factory(Map<String, String> values) {
        return new TrainingJobFactory(TestConfigs.training(values).kubernetes(), WORK_DIR);
    }

    private static Container onlyContainer(Job job) {
        List<Container> containers = job.getSpec().getTemplate().getSpec().getContainers();
        assertThat(containers).hasSize(1);
        return containers.get(0);
    }

    private static VolumeMount mount(Container container, String name) {
        return container.getVolumeMounts().stream().filter(mount -> mount.getName().equals(name)).findFirst().orElseThrow();
    }

    private static io.fabric8.kubernetes.api.model.Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream().filter(volume -> volume.getName().equals(name)).findFirst().orElseThrow();
    }
}
