package dev.modelyard.training.queue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.training.TrainingConfig;
import dev.modelyard.training.kubernetes.TrainingJobFactory;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A tenant's Kueue objects, built without an API server. Each tenant gets a ClusterQueue of its own in one cohort:
 * its quota is guaranteed (nominal), idle quota of the cohort can be borrowed up to a limit and is reclaimed by its
 * owner through preemption, and one tenant's backlog never blocks another's queue. The plan's concurrent-job limit
 * is a quota on {@code pods} (one pod per trainer) in a resource group of its own. The LocalQueue, named as the
 * tenant, is what the trainers' Jobs name in {@code kueue.x-k8s.io/queue-name}.
 */
public final class KueueQueues {

    public static final ResourceDefinitionContext CLUSTER_QUEUES = new ResourceDefinitionContext.Builder()
            .withGroup("kueue.x-k8s.io").withVersion("v1beta1").withKind("ClusterQueue").withPlural("clusterqueues")
            .withNamespaced(false).build();
    public static final ResourceDefinitionContext LOCAL_QUEUES = new ResourceDefinitionContext.Builder()
            .withGroup("kueue.x-k8s.io").withVersion("v1beta1").withKind("LocalQueue").withPlural("localqueues")
            .withNamespaced(true).build();
    static final String API_VERSION = "kueue.x-k8s.io/v1beta1";
    /** The ResourceFlavor without node labels that carries the {@code pods} quota. */
    static final String JOB_SLOTS_FLAVOR = "default-flavor";
    static final String SETTINGS_ANNOTATION = "modelyard.dev/tenant-queue";
    private static final Pattern TENANT = Pattern.compile("[a-z0-9][a-z0-9-]{1,30}[a-z0-9]");
    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);

    private final TrainingConfig.Kubernetes config;

    public KueueQueues(TrainingConfig.Kubernetes config) {
        this.config = config;
    }

    public static String clusterQueueName(String tenant) {
        return "modelyard-" + tenant;
    }

    /** @throws PlatformException 400 naming each field at fault */
    public TenantQueue validate(String tenant, TenantQueueRequest request) {
        List<FieldError> errors = new ArrayList<>();
        if (tenant == null || !TENANT.matcher(tenant).matches()) {
            errors.add(FieldError.field("tenant", "must be a tenant id: 3-32 lower-case letters, digits or '-'"));
        }
        Map<String, Integer> gpus = request.gpus() == null ? Map.of() : new TreeMap<>(request.gpus());
        if (gpus.isEmpty()) {
            errors.add(FieldError.field("gpus", "must give the GPUs of at least one type, one of "
                    + config.gpuTypes().keySet()));
        }
        gpus.forEach((type, count) -> {
            if (!config.gpuTypes().containsKey(type)) {
                errors.add(FieldError.field("gpus." + type, "is not a GPU type of the cluster, one of "
                        + config.gpuTypes().keySet()));
            } else if (count == null || count < 0) {
                errors.add(FieldError.field("gpus." + type, "must be a number of GPUs, 0 or more"));
            }
        });
        String cpu = quantity(request.cpu(), "64", "cpu", errors);
        String memory = quantity(request.memory(), "256Gi", "memory", errors);
        if (request.maxConcurrentJobs() == null || request.maxConcurrentJobs() < 1) {
            errors.add(FieldError.field("max_concurrent_jobs", "must be 1 or more"));
        }
        int borrowing = request.gpuBorrowingLimit() == null ? 0 : request.gpuBorrowingLimit();
        if (borrowing < 0) {
            errors.add(FieldError.field("gpu_borrowing_limit", "must be 0 or more"));
        }
        if (!errors.isEmpty()) {
            throw PlatformException.badRequest("The tenant queue cannot be applied", errors.toArray(FieldError[]::new));
        }
        return new TenantQueue("fine_tuning.tenant_queue", tenant, tenant, clusterQueueName(tenant), config.cohort(),
                gpus, borrowing, cpu, memory, request.maxConcurrentJobs());
    }

    public GenericKubernetesResource clusterQueue(TenantQueue queue) {
        List<Map<String, Object>> gpuFlavors = new ArrayList<>();
        queue.gpus().forEach((type, count) -> {
            Map<String, Object> gpuQuota = quota(TrainingJobFactory.GPU, Integer.toString(count));
            gpuQuota.put("borrowingLimit", Integer.toString(queue.gpuBorrowingLimit()));
            gpuFlavors.add(Map.of("name", type, "resources", List.of(quota("cpu", queue.cpu()),
                    quota("memory", queue.memory()), gpuQuota)));
        });
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("cohort", queue.cohort());
        spec.put("namespaceSelector", Map.of("matchLabels", Map.of("kubernetes.io/metadata.name", config.namespace())));
        spec.put("queueingStrategy", "BestEffortFIFO");
        spec.put("resourceGroups", List.of(
                Map.of("coveredResources", List.of("cpu", "memory", TrainingJobFactory.GPU), "flavors", gpuFlavors),
                Map.of("coveredResources", List.of("pods"), "flavors", List.of(Map.of("name", JOB_SLOTS_FLAVOR,
                        "resources", List.of(quota("pods", Integer.toString(queue.maxConcurrentJobs()))))))));
        // Lent quota comes back: the owner's jobs preempt borrowers, and a tenant's urgent job its own lesser ones.
        spec.put("preemption", Map.of("reclaimWithinCohort", "Any", "withinClusterQueue", "LowerPriority"));
        return new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind("ClusterQueue")
                .withNewMetadata().withName(queue.clusterQueue()).withLabels(labels(queue.tenant()))
                .withAnnotations(Map.of(SETTINGS_ANNOTATION, settings(queue))).endMetadata()
                .addToAdditionalProperties("spec", spec)
                .build();
    }

    public GenericKubernetesResource localQueue(TenantQueue queue) {
        return new GenericKubernetesResourceBuilder().withApiVersion(API_VERSION).withKind("LocalQueue")
                .withNewMetadata().withName(queue.localQueue()).withNamespace(config.namespace())
                .withLabels(labels(queue.tenant())).endMetadata()
                .addToAdditionalProperties("spec", Map.of("clusterQueue", queue.clusterQueue()))
                .build();
    }

    /** The queue as it was applied, from the ClusterQueue's annotation. */
    public static TenantQueue read(GenericKubernetesResource clusterQueue) {
        try {
            return JSON.readValue(clusterQueue.getMetadata().getAnnotations().get(SETTINGS_ANNOTATION), TenantQueue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("ClusterQueue " + clusterQueue.getMetadata().getName()
                    + " carries an unreadable " + SETTINGS_ANNOTATION, e);
        }
    }

    private static String settings(TenantQueue queue) {
        try {
            return JSON.writeValueAsString(queue);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> labels(String tenant) {
        return Map.of(TrainingJobFactory.MANAGED_BY_LABEL, TrainingJobFactory.MANAGED_BY,
                TrainingJobFactory.TENANT_LABEL, tenant);
    }

    private static Map<String, Object> quota(String resource, String nominal) {
        Map<String, Object> quota = new LinkedHashMap<>();
        quota.put("name", resource);
        quota.put("nominalQuota", nominal);
        return quota;
    }

    private static String quantity(String value, String fallback, String field, List<FieldError> errors) {
        String quantity = value == null ? fallback : value;
        try {
            Quantity.getAmountInBytes(new Quantity(quantity));
            return quantity;
        } catch (IllegalArgumentException e) {
            errors.add(FieldError.field(field, "must be a Kubernetes quantity such as 64 or 256Gi, not " + quantity));
            return quantity;
        }
    }
}
