package dev.modelyard.training.kubernetes;

import dev.modelyard.training.TestConfigs;
import dev.modelyard.training.executor.JobFolder;
import dev.modelyard.training.executor.TrainerExecutor;
import dev.modelyard.training.executor.TrainerExecutorContract;
import dev.modelyard.training.executor.TrainerHandle;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The executor contract on the mock API server in CRUD mode, with {@link ClusterSimulation} as the cluster. */
@EnableKubernetesMockClient(crud = true)
class KubernetesExecutorContractTest extends TrainerExecutorContract {

    KubernetesClient client;
    KubernetesMockServer server;
    private final List<KubernetesExecutor> executors = new ArrayList<>();
    private ClusterSimulation simulation;

    @BeforeEach
    void simulateTheCluster() {
        simulation = new ClusterSimulation(client, server);
    }

    @AfterEach
    void closeExecutors() {
        executors.forEach(KubernetesExecutor::close);
    }

    @Override
    protected TrainerExecutor newExecutor() {
        KubernetesExecutor executor = new KubernetesExecutor(client, TestConfigs.training(Map.of()).kubernetes(), workDir,
                Clock.systemUTC());
        executors.add(executor);
        return executor;
    }

    @Override
    protected void admit(TrainerHandle handle, JobFolder folder) {
        simulation.admit(handle.trainer());
    }

    @Override
    protected void print(TrainerHandle handle, JobFolder folder, String line) {
        simulation.print(pod(handle).getMetadata().getName(), line);
    }

    @Override
    protected void exit(TrainerHandle handle, JobFolder folder, int code) {
        simulation.exit(handle.trainer(), pod(handle).getMetadata().getName(), code);
    }

    @Override
    protected boolean isGone(TrainerHandle handle) {
        return simulation.job(handle.trainer()) == null;
    }

    private Pod pod(TrainerHandle handle) {
        return client.pods().inNamespace(ClusterSimulation.NAMESPACE).withLabel("job-name", handle.trainer()).list()
                .getItems().get(0);
    }
}
