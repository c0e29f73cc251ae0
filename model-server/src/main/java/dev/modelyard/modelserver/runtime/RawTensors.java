package dev.modelyard.modelserver.runtime;

import dev.modelyard.modelserver.ModelServerException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The raw tensor encoding that gRPC's {@code raw_input_contents}/{@code raw_output_contents} and the HTTP
 * binary tensor extension share: elements little-endian in row-major order, BOOL one byte each, BYTES
 * elements each prefixed by their 4-byte little-endian length.
 */
public final class RawTensors {

    private RawTensors() {
    }

    /** Reads the values of input {@code name}; INVALID_ARGUMENT naming it when the bytes are not whole elements. */
    public static Object decode(String name, KServeDataType datatype, ByteBuffer bytes) {
        ByteBuffer buffer = bytes.slice().order(ByteOrder.LITTLE_ENDIAN);
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
            case UINT8, INT8, UINT16, INT16 -> {
                int[] values = new int[count];
                for (int i = 0; i < count; i++) {
                    values[i] = switch (datatype) {
                        case UINT8 -> Byte.toUnsignedInt(buffer.get(i));
                        case INT8 -> buffer.get(i);
                        case UINT16 -> Short.toUnsignedInt(buffer.getShort(i * 2));
                        default -> buffer.getShort(i * 2);
                    };
                }
                yield values;
            }
            case UINT32 -> {
                long[] values = new long[count];
                for (int i = 0; i < count; i++) {
                    values[i] = Integer.toUnsignedLong(buffer.getInt(i * 4));
                }
                yield values;
            }
            case INT32 -> {
                int[] values = new int[count];
                buffer.asIntBuffer().get(values);
                yield values;
            }
            case INT64, UINT64 -> {
                long[] values = new long[count];
                buffer.asLongBuffer().get(values);
                yield values;
            }
            case FP16 -> {
                short[] values = new short[count];
                buffer.asShortBuffer().get(values);
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

    public static byte[] encode(Tensor tensor) {
        Object values = tensor.values();
        int count = tensor.valueCount();
        if (tensor.datatype() == KServeDataType.BYTES) {
            byte[][] elements = (byte[][]) values;
            int size = 0;
            for (byte[] element : elements) {
                size += 4 + element.length;
            }
            ByteBuffer buffer = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
            for (byte[] element : elements) {
                buffer.putInt(element.length).put(element);
            }
            return buffer.array();
        }
        ByteBuffer buffer = ByteBuffer.allocate(count * tensor.datatype().elementBytes()).order(ByteOrder.LITTLE_ENDIAN);
        switch (tensor.datatype()) {
            case BOOL -> {
                for (boolean value : (boolean[]) values) {
                    buffer.put((byte) (value ? 1 : 0));
                }
            }
            case UINT8, INT8 -> {
                for (int value : (int[]) values) {
                    buffer.put((byte) value);
                }
            }
            case UINT16, INT16 -> {
                for (int value : (int[]) values) {
                    buffer.putShort((short) value);
                }
            }
            case UINT32 -> {
                for (long value : (long[]) values) {
                    buffer.putInt((int) value);
                }
            }
            case INT32 -> buffer.asIntBuffer().put((int[]) values);
            case INT64, UINT64 -> buffer.asLongBuffer().put((long[]) values);
            case FP16 -> buffer.asShortBuffer().put((short[]) values);
            case FP32 -> buffer.asFloatBuffer().put((float[]) values);
            case FP64 -> buffer.asDoubleBuffer().put((double[]) values);
            case BYTES -> throw new IllegalStateException("handled above");
        }
        return buffer.array();
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
