package dev.modelyard.router.resolve;

import java.util.List;

/**
 * What the registry answers for a model reference: the registered version and where model servers
 * serve it ({@code serving_name} is the registered model's id, unique across tenants).
 */
public record ServingResolution(String model, String version, String servingName, String servingVersion,
                                List<TensorSpec> inputs, List<TensorSpec> outputs) {

    public ServingResolution {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }
}
