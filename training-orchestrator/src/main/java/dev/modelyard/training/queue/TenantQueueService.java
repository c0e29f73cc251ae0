package dev.modelyard.training.queue;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.training.TrainingConfig;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

/** Applies tenants' Kueue queues to the cluster the Kubernetes executor runs trainers in. */
@ApplicationScoped
public class TenantQueueService {

    private final TrainingConfig config;
    private final Instance<KubernetesClient> kubernetes;
    private final KueueQueues queues;

    public TenantQueueService(TrainingConfig config, Instance<KubernetesClient> kubernetes) {
        this.config = config;
        this.kubernetes = kubernetes;
        this.queues = new KueueQueues(config.kubernetes());
    }

    /** Creates or updates the tenant's ClusterQueue, then its LocalQueue; applying the same twice changes nothing. */
    public TenantQueue apply(String tenant, TenantQueueRequest request) {
        KubernetesClient client = client();
        TenantQueue queue = queues.validate(tenant, request);
        try {
            client.genericKubernetesResources(KueueQueues.CLUSTER_QUEUES).resource(queues.clusterQueue(queue))
                    .createOr(NonDeletingOperation::update);
            client.genericKubernetesResources(KueueQueues.LOCAL_QUEUES).resource(queues.localQueue(queue))
                    .createOr(NonDeletingOperation::update);
        } catch (KubernetesClientException e) {
            throw new PlatformException(502, "cluster-refused", "The cluster refused the tenant's queue", e.getMessage());
        }
        return queue;
    }

    public TenantQueue get(String tenant) {
        GenericKubernetesResource clusterQueue = client().genericKubernetesResources(KueueQueues.CLUSTER_QUEUES)
                .withName(KueueQueues.clusterQueueName(tenant)).get();
        if (clusterQueue == null) {
            throw PlatformException.notFound("Tenant queue", tenant);
        }
        return KueueQueues.read(clusterQueue);
    }

    private KubernetesClient client() {
        if (config.executor() != TrainingConfig.Executor.KUBERNETES) {
            throw PlatformException.conflict("Trainers run as local processes here (modelyard.training.executor=local);"
                    + " tenant queues exist only with the Kubernetes executor");
        }
        return kubernetes.get();
    }
}
