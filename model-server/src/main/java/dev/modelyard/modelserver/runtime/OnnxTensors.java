package dev.modelyard.modelserver.runtime;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.ShortBuffer;
import java.nio.charset.StandardCharsets;

/** Converts between KServe tensors and ONNX Runtime tensors. */
final class OnnxTensors {

    private OnnxTensors() {
    }

    static OnnxTensor toOnnx(OrtEnvironment environment, Tensor tensor) throws OrtException {
        long[] shape = tensor.shape();
        int count = tensor.valueCount();
        return switch (tensor.datatype()) {
            case BOOL -> {
                boolean[] values = (boolean[]) tensor.values();
                ByteBuffer buffer = direct(count);
                for (boolean value : values) {
                    buffer.put((byte) (value ? 1 : 0));
                }
                yield OnnxTensor.createTensor(environment, buffer.flip(), shape, OnnxJavaType.BOOL);
            }
            case UINT8, INT8 -> {
                ByteBuffer buffer = direct(count);
                for (int value : (int[]) tensor.values()) {
                    buffer.put((byte) value);
                }
                yield OnnxTensor.createTensor(environment, buffer.flip(), shape,
                        tensor.datatype() == KServeDataType.UINT8 ? OnnxJavaType.UINT8 : OnnxJavaType.INT8);
            }
            case FP16 -> OnnxTensor.createTensor(environment,
                    direct(count * 2).asShortBuffer().put((short[]) tensor.values()).flip(), shape, OnnxJavaType.FLOAT16);
            case UINT16, UINT32, UINT64 -> throw new IllegalStateException(
                    "ONNX Runtime's Java binding cannot create " + tensor.datatype() + " tensors; loading refuses such inputs");
            case INT16 -> {
                ShortBuffer buffer = direct(count * 2).asShortBuffer();
                for (int value : (int[]) tensor.values()) {
                    buffer.put((short) value);
                }
                yield OnnxTensor.createTensor(environment, buffer.flip(), shape, OnnxJavaType.INT16);
            }
            case INT32 -> OnnxTensor.createTensor(environment,
                    direct(count * 4).asIntBuffer().put((int[]) tensor.values()).flip(), shape);
            case INT64 -> OnnxTensor.createTensor(environment,
                    direct(count * 8).asLongBuffer().put((long[]) tensor.values()).flip(), shape);
            case FP32 -> OnnxTensor.createTensor(environment,
                    direct(count * 4).asFloatBuffer().put((float[]) tensor.values()).flip(), shape);
            case FP64 -> OnnxTensor.createTensor(environment,
                    direct(count * 8).asDoubleBuffer().put((double[]) tensor.values()).flip(), shape);
            case BYTES -> {
                byte[][] values = (byte[][]) tensor.values();
                String[] strings = new String[count];
                for (int i = 0; i < count; i++) {
                    strings[i] = new String(values[i], StandardCharsets.UTF_8);
                }
                yield OnnxTensor.createTensor(environment, strings, shape);
            }
        };
    }

    /** Reads an output; fails for ONNX types outside {@link KServeDataType}, which the model's load refuses. */
    static Tensor fromOnnx(String name, OnnxTensor tensor) throws OrtException {
        KServeDataType datatype = KServeDataType.of(tensor.getInfo().onnxType).orElseThrow(
                () -> new IllegalStateException("output '" + name + "' has an unsupported type " + tensor.getInfo().onnxType));
        long[] shape = tensor.getInfo().getShape();
        int count = Math.toIntExact(tensor.getInfo().getNumElements());
        Object values = switch (datatype) {
            case BOOL -> {
                ByteBuffer buffer = tensor.getByteBuffer();
                boolean[] booleans = new boolean[count];
                for (int i = 0; i < count; i++) {
                    booleans[i] = buffer.get(i) != 0;
                }
                yield booleans;
            }
            case UINT8, INT8 -> {
                ByteBuffer buffer = tensor.getByteBuffer();
                int[] ints = new int[count];
                for (int i = 0; i < count; i++) {
                    ints[i] = datatype == KServeDataType.UINT8 ? Byte.toUnsignedInt(buffer.get(i)) : buffer.get(i);
                }
                yield ints;
            }
            case INT16 -> {
                ShortBuffer buffer = tensor.getShortBuffer();
                int[] ints = new int[count];
                for (int i = 0; i < count; i++) {
                    ints[i] = buffer.get(i);
                }
                yield ints;
            }
            case UINT16 -> {
                ShortBuffer buffer = tensor.getShortBuffer();
                int[] ints = new int[count];
                for (int i = 0; i < count; i++) {
                    ints[i] = Short.toUnsignedInt(buffer.get(i));
                }
                yield ints;
            }
            case UINT32 -> {
                IntBuffer buffer = tensor.getIntBuffer();
                long[] longs = new long[count];
                for (int i = 0; i < count; i++) {
                    longs[i] = Integer.toUnsignedLong(buffer.get(i));
                }
                yield longs;
            }
            case FP16 -> read(tensor.getShortBuffer().array(), count);
            case INT32 -> read(tensor.getIntBuffer().array(), count);
            case UINT64 -> read(tensor.getLongBuffer().array(), count);
            case INT64 -> read(tensor.getLongBuffer().array(), count);
            case FP32 -> read(tensor.getFloatBuffer().array(), count);
            case FP64 -> read(tensor.getDoubleBuffer().array(), count);
            case BYTES -> {
                byte[][] bytes = new byte[count][];
                int[] next = {0};
                flattenStrings(tensor.getValue(), bytes, next);
                yield bytes;
            }
        };
        return new Tensor(name, datatype, shape, values);
    }

    private static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }

    private static Object read(Object heapArray, int count) {
        if (Array.getLength(heapArray) != count) {
            throw new IllegalStateException("ONNX Runtime returned " + Array.getLength(heapArray) + " values for " + count);
        }
        return heapArray;
    }

    /** ONNX Runtime hands string tensors back as nested String arrays, one level per dimension. */
    private static void flattenStrings(Object value, byte[][] into, int[] next) {
        if (value instanceof String string) {
            into[next[0]++] = string.getBytes(StandardCharsets.UTF_8);
        } else {
            for (int i = 0; i < Array.getLength(value); i++) {
                flattenStrings(Array.get(value, i), into, next);
            }
        }
    }
}
