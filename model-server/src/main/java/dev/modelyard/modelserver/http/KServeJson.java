package dev.modelyard.modelserver.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** The JSON bodies of the KServe v2 REST protocol, named exactly as the specification names them. */
final class KServeJson {

    private KServeJson() {
    }

    record TensorMetadata(String name, String datatype, long[] shape) {
    }

    record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                         List<TensorMetadata> outputs) {
    }

    /** {@code data} is a flat or nested array in row-major order. */
    record InferInput(String name, String datatype, long[] shape, JsonNode data) {
    }

    record RequestedOutput(String name) {
    }

    record InferRequest(String id, List<InferInput> inputs, List<RequestedOutput> outputs) {
    }

    /** {@code data} is a flat array: the output's carrier array, BYTES as strings. */
    record InferOutput(String name, String datatype, long[] shape, Object data) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record InferResponse(String modelName, String modelVersion, String id, List<InferOutput> outputs) {
    }

    record Duration(long count, long ns) {
    }

    record InferStatistics(Duration success, Duration fail) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelStatistics(String name, String version, long lastInference, long inferenceCount, long executionCount,
                           InferStatistics inferenceStats) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Statistics(List<ModelStatistics> modelStats) {
    }

    record RepositoryIndexRequest(Boolean ready) {
    }

    record Error(String error) {
    }
}
