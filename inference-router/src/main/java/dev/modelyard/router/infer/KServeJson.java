package dev.modelyard.router.infer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelyard.router.resolve.TensorSpec;
import java.util.List;
import java.util.Map;

/** KServe v2 HTTP bodies. Their field names are KServe's, which are snake_case like the platform's JSON. */
public final class KServeJson {

    private KServeJson() {
    }

    /** {@code data} is flat or nested in row-major order, as KServe allows. */
    public record InputTensor(String name, String datatype, List<Long> shape, JsonNode data,
                              Map<String, JsonNode> parameters) {
    }

    public record RequestedOutput(String name, Map<String, JsonNode> parameters) {
    }

    public record InferenceRequest(String id, Map<String, JsonNode> parameters, List<InputTensor> inputs,
                                   List<RequestedOutput> outputs) {
    }

    public record OutputTensor(String name, String datatype, List<Long> shape, List<Object> data) {
    }

    /** {@code model_name} as the caller named the model; {@code model_version} the registry's version. */
    public record InferenceResponse(String modelName, String modelVersion, String id, List<OutputTensor> outputs) {
    }

    public record ModelMetadata(String name, List<String> versions, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    }

    public record ModelReadiness(String name, boolean ready) {
    }
}
