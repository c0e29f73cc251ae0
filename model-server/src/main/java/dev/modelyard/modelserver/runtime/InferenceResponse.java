package dev.modelyard.modelserver.runtime;

import java.util.List;

/** The answer to an {@link InferenceRequest}: the version that served it and the requested outputs. */
public record InferenceResponse(String modelName, String modelVersion, String id, List<Tensor> outputs) {
}
