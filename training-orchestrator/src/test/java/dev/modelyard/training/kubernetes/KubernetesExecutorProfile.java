package dev.modelyard.training.kubernetes;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The orchestrator with the Kubernetes executor, against the mock API server. */
public class KubernetesExecutorProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "modelyard.training.executor", "kubernetes",
                "modelyard.training.kubernetes.gpu-type", "a100",
                "modelyard.training.kubernetes.gpu-types.a100.product", "NVIDIA-A100-SXM4-80GB",
                "modelyard.training.kubernetes.gpu-types.l4.product", "NVIDIA-L4");
    }
}
