package dev.modelyard.modelserver.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.modelyard.modelserver.runtime.Tensor;
import dev.modelyard.protocols.kserve.ModelInferRequest.InferInputTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class GrpcTensorsTest {

    @Test
    void readsLittleEndianRawContents() {
        ByteBuffer raw = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putLong(-3).putLong(1L << 40);

        Tensor tensor = GrpcTensors.fromInput(input("INT64"), ByteString.copyFrom(raw.array()));

        assertThat((long[]) tensor.values()).containsExactly(-3, 1L << 40);
    }

    @Test
    void readsLengthPrefixedRawBytes() {
        byte[] accented = "hé".getBytes(StandardCharsets.UTF_8);
        ByteBuffer raw = ByteBuffer.allocate(4 + accented.length + 4).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(accented.length).put(accented).putInt(0);

        Tensor tensor = GrpcTensors.fromInput(input("BYTES"), ByteString.copyFrom(raw.array()));

        assertThat((byte[][]) tensor.values()).isDeepEqualTo(new byte[][] {accented, new byte[0]});
    }

    @Test
    void refusesRawContentsThatAreNotWholeElements() {
        assertThatThrownBy(() -> GrpcTensors.fromInput(input("FP32"), ByteString.copyFrom(new byte[6])))
                .hasMessageContaining("not a whole number of FP32 elements");
        assertThatThrownBy(() -> GrpcTensors.fromInput(input("BYTES"), ByteString.copyFrom(new byte[] {9, 0, 0, 0, 1})))
                .hasMessageContaining("announce 9 bytes");
    }

    private static InferInputTensor input(String datatype) {
        return InferInputTensor.newBuilder().setName("x").setDatatype(datatype).addShape(2).build();
    }
}
