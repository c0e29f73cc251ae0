package dev.modelyard.training.kubernetes;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import dev.modelyard.training.FakeServicesResource;
import dev.modelyard.training.JobApi;
import dev.modelyard.training.queue.KueueQueues;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.KubernetesTestServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import io.restassured.http.ContentType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The orchestrator end to end with the Kubernetes executor: the API, the supervisor and the tenant queues. */
@QuarkusTest
@TestProfile(KubernetesExecutorProfile.class)
@WithKubernetesTestServer(crud = true)
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_training"))
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = false)
class KubernetesTrainingResourceTest {

    @KubernetesTestServer
    KubernetesServer mockServer;

    @ConfigProperty(name = "modelyard.training.work-dir")
    String workDir;

    private KubernetesClient client;
    private ClusterSimulation cluster;

    @BeforeEach
    void simulateTheCluster() {
        client = mockServer.getClient();
        cluster = new ClusterSimulation(client, mockServer.getKubernetesMockServer());
    }

    @Test
    void aJobWaitsForKueueThenTrainsInItsPodAndRegistersTheModel() throws Exception {
        String id = create("acme", "churned");
        String jobName = TrainingJobFactory.jobName(id, 1);
        JobApi.awaitStatus("acme", id, "queued");
        Job job = awaitJob(jobName);
        assertThat(job.getMetadata().getLabels()).containsEntry("kueue.x-k8s.io/queue-name", "acme")
                .containsEntry("modelyard.dev/tenant", "acme");
        assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector())
                .containsEntry("nvidia.com/gpu.product", "NVIDIA-A100-SXM4-80GB");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messages("acme", id)
                .contains("Waiting for Kueue to admit the job from queue acme"));
        JobApi.awaitStatus("acme", id, "queued");

        Pod pod = cluster.admit(jobName);
        JobApi.awaitStatus("acme", id, "running");
        writeOutputs(id);
        String podName = pod.getMetadata().getName();
        cluster.print(podName, "{\"type\":\"started\",\"rows\":4,\"features\":2,\"classes\":2}");
        cluster.print(podName, "{\"type\":\"epoch\",\"epoch\":1,\"step\":1,\"train_loss\":0.4,\"train_accuracy\":0.8}");
        cluster.print(podName, "{\"type\":\"completed\",\"metrics\":{\"accuracy\":0.8}}");
        cluster.exit(jobName, podName, 0);

        JobApi.awaitStatus("acme", id, "succeeded").body("fine_tuned_model", startsWith("tabular-classifier-"))
                .body("trained_rows", equalTo(4));
        assertThat(messages("acme", id)).contains("Fine-tuning job started", "Epoch 1: train_loss=0.4, train_accuracy=0.8",
                "Training completed").anyMatch(message -> message.startsWith("Admitted by Kueue; the trainer runs in pod"));
        assertThat(client.configMaps().inNamespace(ClusterSimulation.NAMESPACE)
                .withName(TrainingJobFactory.specName(id)).get()).isNull();
    }

    @Test
    void aJobMayAskForGpusOfATypeTheClusterHas() {
        String id = given().header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body(Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE,
                        "label_column", "churned", "resources", Map.of("gpu_type", "l4", "gpus", 2)))
                .post("/v1/fine_tuning/jobs").then().statusCode(201)
                .body("resources.gpu_type", equalTo("l4")).body("resources.gpus", equalTo(2)).extract().path("id");
        Job job = awaitJob(TrainingJobFactory.jobName(id, 1));
        assertThat(job.getSpec().getTemplate().getSpec().getNodeSelector()).containsEntry("nvidia.com/gpu.product", "NVIDIA-L4");
        assertThat(job.getSpec().getTemplate().getSpec().getContainers().get(0).getResources().getLimits().get("nvidia.com/gpu"))
                .hasToString("2");
        given().header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body(Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE,
                        "label_column", "churned", "resources", Map.of("gpu_type", "h100", "gpus", 99)))
                .post("/v1/fine_tuning/jobs").then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", equalTo(List.of("resources.gpus", "resources.gpu_type")));
        given().header("Authorization", TestTokens.bearerAdmin("acme")).post("/v1/fine_tuning/jobs/" + id + "/cancel")
                .then().statusCode(200);
    }

    @Test
    void anEvictedTrainerGoesOnInANewJobAndTheJobSucceeds() throws Exception {
        String id = create("acme", "churned");
        String first = TrainingJobFactory.jobName(id, 1);
        awaitJob(first);
        Pod evicted = cluster.admit(first);
        JobApi.awaitStatus("acme", id, "running");
        cluster.print(evicted.getMetadata().getName(), "{\"type\":\"started\",\"rows\":4}");
        cluster.evict(first, evicted);

        String second = TrainingJobFactory.jobName(id, 2);
        awaitJob(second);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> messages("acme", id).stream().anyMatch(message ->
                message.startsWith("The trainer was interrupted (EvictionByEvictionAPI: Eviction API: evicting); attempt 2")));
        JobApi.awaitStatus("acme", id, "running");
        Pod resumed = cluster.admit(second);
        writeOutputs(id);
        cluster.print(resumed.getMetadata().getName(), "{\"type\":\"resumed\",\"step\":1,\"epochs_done\":0}");
        cluster.print(resumed.getMetadata().getName(), "{\"type\":\"completed\",\"metrics\":{}}");
        cluster.exit(second, resumed.getMetadata().getName(), 0);
        JobApi.awaitStatus("acme", id, "succeeded");
        assertThat(messages("acme", id)).contains("The trainer reported 'resumed'", "Training completed");
    }

    @Test
    void aTrainerOutOfMemoryFailsTheJobWithTheReason() {
        String id = create("acme", "churned");
        String jobName = TrainingJobFactory.jobName(id, 1);
        awaitJob(jobName);
        Pod pod = cluster.admit(jobName);
        JobApi.awaitStatus("acme", id, "running");
        cluster.terminate(pod.getMetadata().getName(), 137, "OOMKilled");
        cluster.condition(jobName, "Failed", "BackoffLimitExceeded", "Job has reached the specified backoff limit");
        JobApi.awaitStatus("acme", id, "failed").body("error.code", equalTo("failed"))
                .body("error.message", equalTo("The trainer ran out of memory (OOMKilled at its limit of 8Gi)"));
    }

    @Test
    void cancellingDeletesTheJobsOfTheTrainer() {
        String id = create("acme", "churned");
        String jobName = TrainingJobFactory.jobName(id, 1);
        awaitJob(jobName);
        given().header("Authorization", TestTokens.bearerAdmin("acme")).post("/v1/fine_tuning/jobs/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("cancelled"));
        assertThat(cluster.job(jobName)).isNull();
        assertThat(client.configMaps().inNamespace(ClusterSimulation.NAMESPACE)
                .withName(TrainingJobFactory.specName(id)).get()).isNull();
    }

    @Test
    void aPlatformAdminGivesATenantItsQueueAndGpuQuota() {
        String body = "{\"gpus\":{\"a100\":4,\"l4\":2},\"cpu\":\"32\",\"memory\":\"128Gi\",\"max_concurrent_jobs\":3,"
                + "\"gpu_borrowing_limit\":2}";
        given().header("Authorization", platformAdmin()).contentType(ContentType.JSON).body(body)
                .put("/v1/fine_tuning/tenant_queues/globex")
                .then().statusCode(200).body("object", equalTo("fine_tuning.tenant_queue"))
                .body("local_queue", equalTo("globex")).body("cluster_queue", equalTo("modelyard-globex"))
                .body("cohort", equalTo("modelyard")).body("gpus.a100", equalTo(4))
                .body("max_concurrent_jobs", equalTo(3));

        GenericKubernetesResource clusterQueue = client.genericKubernetesResources(KueueQueues.CLUSTER_QUEUES)
                .withName("modelyard-globex").get();
        Map<String, Object> spec = spec(clusterQueue);
        assertThat(spec.get("cohort")).isEqualTo("modelyard");
        List<Map<String, Object>> groups = list(spec.get("resourceGroups"));
        assertThat(groups.get(0).get("coveredResources")).isEqualTo(List.of("cpu", "memory", "nvidia.com/gpu"));
        List<Map<String, Object>> flavors = list(groups.get(0).get("flavors"));
        assertThat(flavors).extracting(flavor -> flavor.get("name")).containsExactly("a100", "l4");
        assertThat(list(flavors.get(0).get("resources")).get(2)).isEqualTo(Map.of("name", "nvidia.com/gpu",
                "nominalQuota", "4", "borrowingLimit", "2"));
        assertThat(list(list(groups.get(1).get("flavors")).get(0).get("resources")).get(0))
                .isEqualTo(Map.of("name", "pods", "nominalQuota", "3"));
        GenericKubernetesResource localQueue = client.genericKubernetesResources(KueueQueues.LOCAL_QUEUES)
                .inNamespace(ClusterSimulation.NAMESPACE).withName("globex").get();
        assertThat(spec(localQueue)).isEqualTo(Map.of("clusterQueue", "modelyard-globex"));

        // Applying again updates in place.
        given().header("Authorization", platformAdmin()).contentType(ContentType.JSON)
                .body(body.replace("\"a100\":4", "\"a100\":8")).put("/v1/fine_tuning/tenant_queues/globex")
                .then().statusCode(200);
        given().header("Authorization", platformAdmin()).get("/v1/fine_tuning/tenant_queues/globex")
                .then().statusCode(200).body("gpus.a100", equalTo(8)).body("gpus.l4", equalTo(2));
        given().header("Authorization", platformAdmin()).get("/v1/fine_tuning/tenant_queues/initech")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void tenantQueuesAreForPlatformAdminsAndRefuseWhatTheClusterCannotHave() {
        given().header("Authorization", TestTokens.bearerAdmin("globex")).contentType(ContentType.JSON)
                .body("{\"gpus\":{\"a100\":1},\"max_concurrent_jobs\":1}").put("/v1/fine_tuning/tenant_queues/globex")
                .then().statusCode(403);
        given().header("Authorization", platformAdmin()).contentType(ContentType.JSON)
                .body("{\"gpus\":{\"h100\":1},\"max_concurrent_jobs\":1}").put("/v1/fine_tuning/tenant_queues/globex")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("gpus.h100"));
        given().header("Authorization", platformAdmin()).contentType(ContentType.JSON)
                .body("{\"gpus\":{\"a100\":1},\"max_concurrent_jobs\":0,\"memory\":\"lots\"}")
                .put("/v1/fine_tuning/tenant_queues/globex")
                .then().statusCode(400).body("errors.field", equalTo(List.of("memory", "max_concurrent_jobs")));
        given().header("Authorization", platformAdmin()).contentType(ContentType.JSON)
                .body("{\"gpus\":{\"a100\":1},\"max_concurrent_jobs\":1}").put("/v1/fine_tuning/tenant_queues/Not_A_Tenant")
                .then().statusCode(400).body("errors[0].field", equalTo("tenant"));
    }

    private static String platformAdmin() {
        return "Bearer " + TestTokens.sign(new Caller("ops@modelyard", "modelyard", Set.of(Caller.PLATFORM_ADMIN), null, null));
    }

    /** What a successful trainer leaves in the job's output folder. */
    private void writeOutputs(String id) throws Exception {
        Path output = Path.of(workDir, id, "output");
        Files.writeString(output.resolve("model.onnx"), "onnx");
        Files.writeString(output.resolve("signature.json"), "{\"inputs\":[{\"name\":\"features\",\"datatype\":\"FP32\","
                + "\"shape\":[-1,2]}],\"outputs\":[{\"name\":\"label\",\"datatype\":\"BYTES\",\"shape\":[-1,1]}]}");
        Files.writeString(output.resolve("metrics.json"), "{\"accuracy\":0.8}");
    }

    private Job awaitJob(String name) {
        return Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.job(name), job -> job != null);
    }

    private static String create(String tenant, String label) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant)).contentType(ContentType.JSON)
                .body(Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE,
                        "label_column", label))
                .post("/v1/fine_tuning/jobs").then().statusCode(201).extract().path("id");
    }

    private static List<String> messages(String tenant, String id) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant))
                .get("/v1/fine_tuning/jobs/" + id + "/events?limit=100").then().statusCode(200).extract().path("data.message");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }
}
