package dev.modelyard.protocols;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.TextFormat;
import dev.modelyard.protocols.kserve.DataType;
import dev.modelyard.protocols.kserve.ModelConfig;
import org.junit.jupiter.api.Test;

class ModelConfigTextFormatTest {

    /** A config.pbtxt as Triton's documentation writes them, including fields outside our subset. */
    private static final String TRITON_CONFIG = """
            name: "churn"
            backend: "onnxruntime"
            max_batch_size: 64
            version_policy: { specific: { versions: [1, 3] } }
            input [ { name: "features" data_type: TYPE_FP32 dims: [ 4 ] } ]
            output [ { name: "probabilities" data_type: TYPE_FP32 dims: [ 2 ] } ]
            dynamic_batching { preferred_batch_size: [ 8, 16 ] max_queue_delay_microseconds: 100 }
            instance_group [ { count: 2 kind: KIND_CPU } ]
            optimization { execution_accelerators { gpu_execution_accelerator : [ { name : "tensorrt" } ] } }
            """;

    @Test
    void readsTritonConfigsIgnoringFieldsOutsideTheSubset() throws TextFormat.ParseException {
        ModelConfig.Builder config = ModelConfig.newBuilder();
        TextFormat.Parser.newBuilder().setAllowUnknownFields(true).build().merge(TRITON_CONFIG, config);

        assertThat(config.getName()).isEqualTo("churn");
        assertThat(config.getMaxBatchSize()).isEqualTo(64);
        assertThat(config.getVersionPolicy().getSpecific().getVersionsList()).containsExactly(1L, 3L);
        assertThat(config.getInput(0).getDataType()).isEqualTo(DataType.TYPE_FP32);
        assertThat(config.getInput(0).getDimsList()).containsExactly(4L);
        assertThat(config.getDynamicBatching().getPreferredBatchSizeList()).containsExactly(8, 16);
        assertThat(config.getInstanceGroup(0).getCount()).isEqualTo(2);
    }

    @Test
    void writtenConfigsReadBackUnchanged() throws TextFormat.ParseException {
        ModelConfig written = ModelConfig.newBuilder().setName("t-acme--churn").setBackend("onnxruntime")
                .setMaxBatchSize(0).build();
        ModelConfig.Builder read = ModelConfig.newBuilder();
        TextFormat.merge(TextFormat.printer().printToString(written), read);
        assertThat(read.build()).isEqualTo(written);
    }
}
