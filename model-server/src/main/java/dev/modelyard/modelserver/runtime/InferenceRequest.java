package dev.modelyard.modelserver.runtime;

import java.util.List;

/**
 * An inference request, whichever protocol carried it.
 *
 * @param modelVersion empty for the highest loaded version
 * @param requestedOutputs empty for every output of the model
 */
public record InferenceRequest(String modelName, String modelVersion, String id, List<Tensor> inputs,
                               List<String> requestedOutputs) {
}
