package dev.modelyard.router.infer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelyard.protocols.kserve.InferStatistics;
import dev.modelyard.protocols.kserve.ModelStatistics;
import dev.modelyard.protocols.kserve.StatisticDuration;
import dev.modelyard.router.resolve.TensorSpec;
import java.util.List;
import java.util.Map;

/** KServe v2 HTTP bodies. Their field names are KServe's, which are snake_case like the platform's JSON. */
public final class KServeJson {

    private KServeJson() {
    }

    /**
     * {@code data} is flat or nested in row-major order, as KServe allows; absent when
     * {@code parameters.binary_data_size} says how many bytes of the binary part carry the input.
     */
    public record InputTensor(String name, String datatype, List<Long> shape, JsonNode data,
                              Map<String, JsonNode> parameters) {
    }

    public record RequestedOutput(String name, Map<String, JsonNode> parameters) {
    }

    public record InferenceRequest(String id, Map<String, JsonNode> parameters, List<InputTensor> inputs,
                                   List<RequestedOutput> outputs) {
    }

    /** {@code data} is absent when {@code parameters.binary_data_size} places the output in the binary part. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record OutputTensor(String name, String datatype, List<Long> shape, Map<String, Object> parameters,
                               List<Object> data) {
    }

    /** {@code model_name} as the caller named the model; {@code model_version} the registry's version. */
    public record InferenceResponse(String modelName, String modelVersion, String id, List<OutputTensor> outputs) {
    }

    public record ModelMetadata(String name, List<String> versions, List<TensorSpec> inputs, List<TensorSpec> outputs) {
    }

    public record ModelReadiness(String name, boolean ready) {
    }

    public record ServerMetadata(String name, String version, List<String> extensions) {
    }

    /** Triton's statistics extension: counts and total nanoseconds. */
    public record Duration(long count, long ns) {

        static Duration of(StatisticDuration duration) {
            return new Duration(duration.getCount(), duration.getNs());
        }
    }

    public record InferenceStats(Duration success, Duration fail, Duration queue, Duration computeInput,
                                 Duration computeInfer, Duration computeOutput) {
    }

    public record BatchStats(long batchSize, Duration computeInput, Duration computeInfer, Duration computeOutput) {
    }

    public record ModelStats(String name, String version, long lastInference, long inferenceCount, long executionCount,
                             InferenceStats inferenceStats, List<BatchStats> batchStats) {

        static ModelStats of(ModelStatistics statistics) {
            InferStatistics stats = statistics.getInferenceStats();
            return new ModelStats(statistics.getName(), statistics.getVersion(), statistics.getLastInference(),
                    statistics.getInferenceCount(), statistics.getExecutionCount(), new InferenceStats(
                    Duration.of(stats.getSuccess()), Duration.of(stats.getFail()), Duration.of(stats.getQueue()),
                    Duration.of(stats.getComputeInput()), Duration.of(stats.getComputeInfer()),
                    Duration.of(stats.getComputeOutput())),
                    statistics.getBatchStatsList().stream().map(batch -> new BatchStats(batch.getBatchSize(),
                            Duration.of(batch.getComputeInput()), Duration.of(batch.getComputeInfer()),
                            Duration.of(batch.getComputeOutput()))).toList());
        }
    }

    public record Statistics(List<ModelStats> modelStats) {
    }
}
