package dev.modelyard.registry.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.TextFormat;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.DataType;
import dev.modelyard.protocols.kserve.ModelConfig;
import dev.modelyard.registry.version.Signature;
import dev.modelyard.registry.version.TensorSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class TritonConfigsTest {

    @Test
    void batchesOnlyWhenEveryTensorStartsWithMinusOne() {
        ModelConfig batched = build(signature(List.of(-1L, 4L), List.of(-1L)));
        assertThat(batched.getMaxBatchSize()).isEqualTo(64);
        assertThat(batched.getInput(0).getDimsList()).containsExactly(4L);

        assertThat(batched.getInput(0).hasReshape()).isFalse();
        assertThat(batched.getDynamicBatching().getMaxQueueDelayMicroseconds()).isEqualTo(200);

        ModelConfig mixed = build(signature(List.of(-1L, 4L), List.of(2L)));
        assertThat(mixed.getMaxBatchSize()).isZero();
        assertThat(mixed.hasDynamicBatching()).isFalse();
        assertThat(mixed.getInput(0).getDimsList()).containsExactly(-1L, 4L);
        assertThat(mixed.getOutput(0).getDimsList()).containsExactly(2L);
    }

    @Test
    void dynamicBatchingCanBeLeftOut() {
        ModelConfig config = TritonConfigs.build(new ServingPlan("rm-1", "acme", "churn", List.of(new ServingPlan.ServedVersion(
                3, "a".repeat(64), signature(List.of(-1L, 4L), List.of(-1L))))), 64, 0);
        assertThat(config.getMaxBatchSize()).isEqualTo(64);
        assertThat(config.hasDynamicBatching()).isFalse();
    }

    @Test
    void aBatchOnlyTensorIsOneValuePerRowReshapedToAScalar() {
        ModelConfig config = build(signature(List.of(-1L, 4L), List.of(-1L)));
        assertThat(config.getOutput(0).getDimsList()).containsExactly(1L);
        assertThat(config.getOutput(0).hasReshape()).isTrue();
        assertThat(config.getOutput(0).getReshape().getShapeList()).isEmpty();
        assertThat(TextFormat.printer().printToString(config)).contains("reshape {\n  }");

        ModelConfig unbatched = build(signature(List.of(1L, 4L), List.of(-1L)));
        assertThat(unbatched.getOutput(0).getDimsList()).containsExactly(-1L);
        assertThat(unbatched.getOutput(0).hasReshape()).isFalse();
    }

    @Test
    void namesKserveDatatypesAsTritonDoes() {
        assertThat(TritonConfigs.dataType("BYTES")).isEqualTo(DataType.TYPE_STRING);
        assertThat(TritonConfigs.dataType("BF16")).isEqualTo(DataType.TYPE_BF16);
        for (String datatype : TensorSpec.DATATYPES.split("\\|")) {
            assertThat(TritonConfigs.dataType(datatype)).isNotEqualTo(DataType.TYPE_INVALID);
        }
    }

    @Test
    void refusesVersionsWithDifferentSignatures() {
        ServingPlan plan = new ServingPlan("rm-1", "acme", "churn", List.of(
                new ServingPlan.ServedVersion(1, "a".repeat(64), signature(List.of(-1L, 4L), List.of(-1L))),
                new ServingPlan.ServedVersion(2, "b".repeat(64), signature(List.of(-1L, 5L), List.of(-1L)))));
        assertThatThrownBy(() -> TritonConfigs.build(plan, 64, 200))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.status()).isEqualTo(409));
    }

    private static ModelConfig build(Signature signature) {
        return TritonConfigs.build(new ServingPlan("rm-1", "acme", "churn",
                List.of(new ServingPlan.ServedVersion(3, "a".repeat(64), signature))), 64, 200);
    }

    private static Signature signature(List<Long> inputShape, List<Long> outputShape) {
        return new Signature(List.of(new TensorSpec("x", "FP32", inputShape)),
                List.of(new TensorSpec("y", "BYTES", outputShape)), null, null);
    }
}
