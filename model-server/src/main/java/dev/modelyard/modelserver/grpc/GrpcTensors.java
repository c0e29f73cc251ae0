package dev.modelyard.modelserver.grpc;

import com.google.protobuf.ByteString;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.runtime.KServeDataType;
import dev.modelyard.modelserver.runtime.Tensor;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest.InferInputTensor;
import dev.modelyard.protocols.kserve.ModelInferResponse.InferOutputTensor;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Converts the KServe gRPC tensor messages: inputs from typed {@code contents} or from
 * {@code raw_input_contents} (little-endian, BYTES elements each prefixed by a 4-byte length), outputs into
 * typed contents.
 */
final class GrpcTensors {

    private GrpcTensors() {
    }

    /** @param raw the input's raw_input_contents entry, or null when the request uses typed contents */
    static Tensor fromInput(InferInputTensor input, ByteString raw) {
        KServeDataType datatype = KServeDataType.named(input.getDatatype()).orElseThrow(() -> ModelServerException.invalid(
                "input '" + input.getName() + "' has the unsupported datatype '" + input.getDatatype() + "'"));
        long[] shape = input.getShapeList().stream().mapToLong(Long::longValue).toArray();
        Object values = raw == null ? fromContents(datatype, input.getContents()) : fromRaw(input.getName(), datatype, raw);
        return new Tensor(input.getName(), datatype, shape, values);
    }

    static InferOutputTensor toOutput(Tensor tensor) {
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        switch (tensor.datatype()) {
            case BOOL -> {
                for (boolean value : (boolean[]) tensor.values()) {
                    contents.addBoolContents(value);
                }
            }
            case UINT8 -> {
                for (int value : (int[]) tensor.values()) {
                    contents.addUintContents(value);
                }
            }
            case INT8, INT16, INT32 -> {
                for (int value : (int[]) tensor.values()) {
                    contents.addIntContents(value);
                }
            }
            case INT64 -> {
                for (long value : (long[]) tensor.values()) {
                    contents.addInt64Contents(value);
                }
            }
            case FP32 -> {
                for (float value : (float[]) tensor.values()) {
                    contents.addFp32Contents(value);
                }
            }
            case FP64 -> {
                for (double value : (double[]) tensor.values()) {
                    contents.addFp64Contents(value);
                }
            }
            case BYTES -> {
                for (byte[] value : (byte[][]) tensor.values()) {
                    contents.addBytesContents(ByteString.copyFrom(value));
                }
            }
        }
        InferOutputTensor.Builder output = InferOutputTensor.newBuilder()
                .setName(tensor.name()).setDatatype(tensor.datatype().name()).setContents(contents);
        for (long dimension : tensor.shape()) {
            output.addShape(dimension);
        }
        return output.build();
    }

    private static Object fromContents(KServeDataType datatype, InferTensorContents contents) {
        return switch (datatype) {
            case BOOL -> {
                List<Boolean> list = contents.getBoolContentsList();
                boolean[] values = new boolean[list.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = list.get(i);
                }
                yield values;
            }
            case UINT8 -> contents.getUintContentsList().stream().mapToInt(Integer::intValue).toArray();
            case INT8, INT16, INT32 -> contents.getIntContentsList().stream().mapToInt(Integer::intValue).toArray();
            case INT64 -> contents.getInt64ContentsList().stream().mapToLong(Long::longValue).toArray();
            case FP32 -> {
                List<Float> list = contents.getFp32ContentsList();
                float[] values = new float[list.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = list.get(i);
                }
                yield values;
            }
            case FP64 -> contents.getFp64ContentsList().stream().mapToDouble(Double::doubleValue).toArray();
            case BYTES -> contents.getBytesContentsList().stream().map(ByteString::toByteArray).toArray(byte[][]::new);
        };
    }

    private static Object fromRaw(String name, KServeDataType datatype, ByteString raw) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        int elementBytes = datatype.elementBytes();
        if (elementBytes > 0 && buffer.remaining() % elementBytes != 0) {
            throw ModelServerException.invalid("raw contents of input '" + name + "' hold " + buffer.remaining()
                    + " bytes, not a whole number of " + datatype + " elements");
        }
        int count = elementBytes > 0 ? buffer.remaining() / elementBytes : 0;
        return switch (datatype) {
            case BOOL -> {
                boolean[] values = new boolean[count];
                for (int i = 0; i < count; i++) {
                    values[i] = buffer.get(i) != 0;
                }
                yield values;
            }
            case UINT8, INT8 -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = datatype == KServeDataType.UINT8 ? Byte.toUnsignedInt(buffer.get(i)) : buffer.get(i);
                }
                yield values;
            }
            case INT16 -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = buffer.getShort(i * 2);
                }
                yield values;
            }
            case INT32 -> {
                int[] values = new int[count];
                buffer.asIntBuffer().get(values);
                yield values;
            }
            case INT64 -> {
                long[] values = new long[count];
                buffer.asLongBuffer().get(values);
                yield values;
            }
            case FP32 -> {
                float[] values = new float[count];
                buffer.asFloatBuffer().get(values);
                yield values;
            }
            case FP64 -> {
                double[] values = new double[count];
                buffer.asDoubleBuffer().get(values);
                yield values;
            }
            case BYTES -> lengthPrefixedElements(name, buffer);
        };
    }

    private static byte[][] lengthPrefixedElements(String name, ByteBuffer buffer) {
        List<byte[]> elements = new ArrayList<>();
        while (buffer.hasRemaining()) {
            if (buffer.remaining() < 4) {
                throw ModelServerException.invalid("raw contents of BYTES input '" + name + "' end inside a length prefix");
            }
            int length = buffer.getInt();
            if (length < 0 || length > buffer.remaining()) {
                throw ModelServerException.invalid("raw contents of BYTES input '" + name + "' announce " + length
                        + " bytes where " + buffer.remaining() + " remain");
            }
            byte[] element = new byte[length];
            buffer.get(element);
            elements.add(element);
        }
        return elements.toArray(byte[][]::new);
    }
}
