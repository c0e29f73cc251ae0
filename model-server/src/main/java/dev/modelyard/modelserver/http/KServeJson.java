package dev.modelyard.modelserver.http;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;
import java.util.Map;

/** The JSON bodies of the KServe v2 REST protocol, named exactly as the specification names them. */
final class KServeJson {

    private KServeJson() {
    }

    record TensorMetadata(String name, String datatype, long[] shape) {
    }

    record ModelMetadata(String name, List<String> versions, String platform, List<TensorMetadata> inputs,
                         List<TensorMetadata> outputs) {
    }

    /**
     * {@code data} is a flat or nested array in row-major order; absent when {@code parameters.binary_data_size}
     * says how many bytes of the binary part after the JSON carry the input.
     */
    record InferInput(String name, String datatype, long[] shape, Map<String, JsonNode> parameters, JsonNode data) {
    }

    /** {@code parameters.binary_data: true} asks for the output in the binary part of the answer. */
    record RequestedOutput(String name, Map<String, JsonNode> parameters) {
    }

    /** {@code parameters.binary_data_output: true} asks for every output in the binary part. */
    record InferRequest(String id, Map<String, JsonNode> parameters, List<InferInput> inputs,
                        List<RequestedOutput> outputs) {
    }

    /**
     * {@code data} is a flat array (the output's values, BYTES as strings), or absent when
     * {@code parameters.binary_data_size} places the output in the binary part.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record InferOutput(String name, String datatype, long[] shape, Map<String, Object> parameters, Object data) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    record InferResponse(String modelName, String modelVersion, String id, List<InferOutput> outputs) {
    }

    record Duration(long count, long ns) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record InferStatistics(Duration success, Duration fail, Duration queue, Duration computeInput,
                           Duration computeInfer, Duration computeOutput) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record BatchStatistics(long batchSize, Duration computeInput, Duration computeInfer, Duration computeOutput) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ModelStatistics(String name, String version, long lastInference, long inferenceCount, long executionCount,
                           InferStatistics inferenceStats, List<BatchStatistics> batchStats) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record Statistics(List<ModelStatistics> modelStats) {
    }

    record RepositoryIndexRequest(Boolean ready) {
    }

    record Error(String error) {
    }
}
