package dev.modelyard.training.kubernetes;

import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays the parts of a cluster the mock API server has no controllers for: Kueue admitting a Job, the Job
 * controller creating its pod, the kubelet running the trainer (its log, its exit) and marking the Job complete or
 * failed. Pod logs are answered from memory, since the mock server keeps no logs.
 */
final class ClusterSimulation {

    static final String NAMESPACE = "modelyard-training";

    private final KubernetesClient client;
    private final KubernetesMockServer server;
    private final Map<String, StringBuilder> logs = new ConcurrentHashMap<>();

    ClusterSimulation(KubernetesClient client, KubernetesMockServer server) {
        this.client = client;
        this.server = server;
    }

    Job job(String name) {
        return client.batch().v1().jobs().inNamespace(NAMESPACE).withName(name).get();
    }

    /** Kueue unsuspends the Job and the Job controller creates its pod, which starts running. */
    Pod admit(String jobName) {
        Job job = client.batch().v1().jobs().inNamespace(NAMESPACE).withName(jobName).edit(edited -> {
            edited.getSpec().setSuspend(false);
            return edited;
        });
        Map<String, String> labels = new HashMap<>(job.getSpec().getTemplate().getMetadata().getLabels());
        labels.put("job-name", jobName);
        Pod pod = client.pods().inNamespace(NAMESPACE).resource(new PodBuilder()
                .withNewMetadata().withName(jobName + "-" + Long.toHexString(System.nanoTime())).withNamespace(NAMESPACE)
                .withLabels(labels).withCreationTimestamp(Instant.now().toString()).endMetadata()
                .withSpec(job.getSpec().getTemplate().getSpec())
                .withNewStatus().withPhase("Running").withContainerStatuses(new ContainerStatusBuilder()
                        .withName(TrainingJobFactory.CONTAINER).withNewState().withNewRunning().endRunning().endState()
                        .build()).endStatus()
                .build()).create();
        String podName = pod.getMetadata().getName();
        logs.put(podName, new StringBuilder());
        server.expect().get().withPath("/api/v1/namespaces/" + NAMESPACE + "/pods/" + podName
                + "/log?pretty=false&container=" + TrainingJobFactory.CONTAINER)
                .andReply(200, request -> log(podName)).always();
        return pod;
    }

    String log(String podName) {
        StringBuilder log = logs.get(podName);
        return log == null ? "" : log.toString();
    }

    void print(String podName, String line) {
        logs.computeIfAbsent(podName, name -> new StringBuilder()).append(line).append('\n');
    }

    /** The trainer exits; the Job controller marks the Job as the exit code and the pod failure policy say. */
    void exit(String jobName, String podName, int code) {
        terminate(podName, code, code == 0 ? "Completed" : "Error");
        if (code == 0) {
            condition(jobName, "Complete", "Completed", null);
        } else {
            condition(jobName, "Failed", code == 2 || code == 3 ? "PodFailurePolicy" : "BackoffLimitExceeded", null);
        }
    }

    /** The pod is evicted (a drained node, say): its trainer is stopped and the pod failure policy fails the Job. */
    void evict(String jobName, Pod pod) {
        client.pods().inNamespace(NAMESPACE).withName(pod.getMetadata().getName()).editStatus(edited -> {
            edited.getStatus().getConditions().add(new PodConditionBuilder().withType("DisruptionTarget")
                    .withStatus("True").withReason("EvictionByEvictionAPI").withMessage("Eviction API: evicting").build());
            return edited;
        });
        terminate(pod.getMetadata().getName(), 143, "Error");
        condition(jobName, "Failed", "PodFailurePolicy", "Container trainer was disrupted");
    }

    void terminate(String podName, int code, String reason) {
        client.pods().inNamespace(NAMESPACE).withName(podName).editStatus(pod -> {
            pod.getStatus().setPhase(code == 0 ? "Succeeded" : "Failed");
            pod.getStatus().getContainerStatuses().get(0).setState(new ContainerStateBuilder()
                    .withNewTerminated().withExitCode(code).withReason(reason).endTerminated().build());
            return pod;
        });
    }

    void condition(String jobName, String type, String reason, String message) {
        client.batch().v1().jobs().inNamespace(NAMESPACE).withName(jobName).editStatus(job -> {
            if (job.getStatus() == null) {
                job.setStatus(new JobStatus());
            }
            job.getStatus().getConditions().add(new JobConditionBuilder().withType(type).withStatus("True")
                    .withReason(reason).withMessage(message).build());
            return job;
        });
    }
}
