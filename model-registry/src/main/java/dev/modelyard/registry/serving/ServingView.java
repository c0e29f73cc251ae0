package dev.modelyard.registry.serving;

import dev.modelyard.registry.version.TensorSpec;
import java.util.List;

/**
 * What a router needs to call a model server for one model reference: the names the model server knows
 * ({@code serving_name}, {@code serving_version}) and the tensors to validate requests against.
 */
public record ServingView(String model, int version, String servingName, String servingVersion,
                          List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> classLabels) {
}
