package dev.modelyard.training.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.training.TestConfigs;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KueueQueuesTest {

    private final KueueQueues queues = new KueueQueues(TestConfigs.training(Map.of(
            "kubernetes.gpu-types.a100.product", "NVIDIA-A100-SXM4-80GB")).kubernetes());

    @Test
    void fillsInTheDefaultsAndNamesTheQueuesAfterTheTenant() {
        TenantQueue queue = queues.validate("acme", new TenantQueueRequest(Map.of("a100", 2), null, null, 4, null));
        assertThat(queue).isEqualTo(new TenantQueue("fine_tuning.tenant_queue", "acme", "acme", "modelyard-acme",
                "modelyard", Map.of("a100", 2), 0, "64", "256Gi", 4));
        GenericKubernetesResource localQueue = queues.localQueue(queue);
        assertThat(localQueue.getMetadata().getNamespace()).isEqualTo("modelyard-training");
        assertThat(localQueue.getAdditionalProperties().get("spec")).isEqualTo(Map.of("clusterQueue", "modelyard-acme"));
        GenericKubernetesResource clusterQueue = queues.clusterQueue(queue);
        assertThat(clusterQueue.getMetadata().getLabels()).containsEntry("modelyard.dev/tenant", "acme");
        assertThat(KueueQueues.read(clusterQueue)).isEqualTo(queue);
    }

    @Test
    void namesEveryFieldAtFault() {
        assertThatThrownBy(() -> queues.validate("A", new TenantQueueRequest(Map.of(), "many", "16Gi", null, -1)))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.errors()).extracting(FieldError::field)
                        .containsExactly("tenant", "gpus", "cpu", "max_concurrent_jobs", "gpu_borrowing_limit"));
        assertThatThrownBy(() -> queues.validate("acme", new TenantQueueRequest(Map.of("a100", -1, "t4", 1), null, null,
                1, null))).isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.errors())
                .extracting(FieldError::field).isEqualTo(List.of("gpus.a100", "gpus.t4")));
    }
}
