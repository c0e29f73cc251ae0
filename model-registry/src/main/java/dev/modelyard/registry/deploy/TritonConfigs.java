package dev.modelyard.registry.deploy;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.DataType;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.protocols.kserve.ModelDynamicBatching;
import dev.modelyard.protocols.kserve.ModelInput;
import dev.modelyard.protocols.kserve.ModelOutput;
import dev.modelyard.protocols.kserve.ModelTensorReshape;
import dev.modelyard.protocols.kserve.ModelVersionPolicy;
import dev.modelyard.registry.version.Signature;
import dev.modelyard.registry.version.TensorSpec;
import java.util.List;

/** The {@code config.pbtxt} of a served model, derived from its versions' signatures. */
final class TritonConfigs {

    static final String BACKEND = "onnxruntime";

    private TritonConfigs() {
    }

    /**
     * One config covers every served version, so they must share one signature. When every tensor's first
     * dimension is -1 it is the batch dimension: Triton wants it left out of {@code dims} and announced by
     * {@code max_batch_size}; otherwise batching is off and dims are the full shapes. A batched tensor with
     * nothing beside the batch ({@code [-1]}) would have empty dims, which Triton refuses: it gets
     * {@code dims: [1]} with {@code reshape: { shape: [ ] }}, Triton's spelling of "one value per row".
     * Batched models get dynamic batching unless {@code batchingDelayMicros} is 0: concurrent requests of
     * a few rows each then run together, which is where a model server's throughput comes from.
     */
    static ModelConfig build(ServingPlan plan, int maxBatchSize, int batchingDelayMicros) {
        Signature signature = plan.versions().getLast().signature();
        for (ServingPlan.ServedVersion served : plan.versions()) {
            if (!served.signature().inputs().equals(signature.inputs())
                    || !served.signature().outputs().equals(signature.outputs())) {
                throw new PlatformException(409, "signature-mismatch", "Signature mismatch", "Version "
                        + served.version() + " of '" + plan.modelName() + "' takes or gives other tensors than version "
                        + plan.versions().getLast().version() + "; versions served together need one signature");
            }
        }
        boolean batched = isBatched(signature.inputs()) && isBatched(signature.outputs());
        ModelConfig.Builder config = ModelConfig.newBuilder()
                .setName(plan.servingName())
                .setBackend(BACKEND)
                .setVersionPolicy(ModelVersionPolicy.newBuilder().setSpecific(ModelVersionPolicy.Specific.newBuilder()
                        .addAllVersions(plan.versions().stream().map(v -> (long) v.version()).toList())))
                .setMaxBatchSize(batched ? maxBatchSize : 0)
                .putMetricTags("tenant", plan.tenant())
                .putMetricTags("model", plan.modelName());
        if (batched && batchingDelayMicros > 0) {
            config.setDynamicBatching(ModelDynamicBatching.newBuilder().setMaxQueueDelayMicroseconds(batchingDelayMicros));
        }
        for (TensorSpec input : signature.inputs()) {
            ModelInput.Builder tensor = ModelInput.newBuilder().setName(input.name())
                    .setDataType(dataType(input.datatype())).addAllDims(dims(input, batched));
            if (batchOnly(input, batched)) {
                tensor.setReshape(ModelTensorReshape.getDefaultInstance());
            }
            config.addInput(tensor);
        }
        for (TensorSpec output : signature.outputs()) {
            ModelOutput.Builder tensor = ModelOutput.newBuilder().setName(output.name())
                    .setDataType(dataType(output.datatype())).addAllDims(dims(output, batched));
            if (batchOnly(output, batched)) {
                tensor.setReshape(ModelTensorReshape.getDefaultInstance());
            }
            config.addOutput(tensor);
        }
        return config.build();
    }

    private static boolean isBatched(List<TensorSpec> tensors) {
        return tensors.stream().allMatch(t -> !t.shape().isEmpty() && t.shape().getFirst() == -1);
    }

    private static List<Long> dims(TensorSpec tensor, boolean batched) {
        if (batchOnly(tensor, batched)) {
            return List.of(1L);
        }
        return batched ? tensor.shape().subList(1, tensor.shape().size()) : tensor.shape();
    }

    private static boolean batchOnly(TensorSpec tensor, boolean batched) {
        return batched && tensor.shape().size() == 1;
    }

    /** KServe names a string tensor BYTES, Triton's config STRING; the other names match. */
    static DataType dataType(String kserveDatatype) {
        return DataType.valueOf("TYPE_" + ("BYTES".equals(kserveDatatype) ? "STRING" : kserveDatatype));
    }
}
