package dev.modelyard.modelserver.runtime;

import ai.onnxruntime.TensorInfo.OnnxTensorType;
import dev.modelyard.protocols.kserve.DataType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The KServe v2 tensor datatypes, with the Triton config type and the ONNX tensor type each corresponds to,
 * and the Java array that carries a tensor's values ({@link Tensor#values()}). Integers travel in the
 * narrowest Java type that holds every value (UINT32 as {@code long[]}; UINT64 as {@code long[]} read as
 * unsigned); FP16 travels as its IEEE half-precision bits in a {@code short[]}.
 */
public enum KServeDataType {
    BOOL(DataType.TYPE_BOOL, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_BOOL, boolean[].class, 1, 0, 1),
    UINT8(DataType.TYPE_UINT8, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT8, int[].class, 1, 0, 0xFF),
    UINT16(DataType.TYPE_UINT16, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT16, int[].class, 2, 0, 0xFFFF),
    UINT32(DataType.TYPE_UINT32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT32, long[].class, 4, 0, 0xFFFF_FFFFL),
    UINT64(DataType.TYPE_UINT64, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_UINT64, long[].class, 8, Long.MIN_VALUE, Long.MAX_VALUE),
    INT8(DataType.TYPE_INT8, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT8, int[].class, 1, Byte.MIN_VALUE, Byte.MAX_VALUE),
    INT16(DataType.TYPE_INT16, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT16, int[].class, 2, Short.MIN_VALUE, Short.MAX_VALUE),
    INT32(DataType.TYPE_INT32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT32, int[].class, 4, Integer.MIN_VALUE, Integer.MAX_VALUE),
    INT64(DataType.TYPE_INT64, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_INT64, long[].class, 8, Long.MIN_VALUE, Long.MAX_VALUE),
    FP16(DataType.TYPE_FP16, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT16, short[].class, 2, 0, 0),
    FP32(DataType.TYPE_FP32, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_FLOAT, float[].class, 4, 0, 0),
    FP64(DataType.TYPE_FP64, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_DOUBLE, double[].class, 8, 0, 0),
    /** Strings in ONNX; each element is a byte string (UTF-8 text when it comes from an ONNX string). */
    BYTES(DataType.TYPE_STRING, OnnxTensorType.ONNX_TENSOR_ELEMENT_DATA_TYPE_STRING, byte[][].class, -1, 0, 0);

    private final DataType configType;
    private final OnnxTensorType onnxType;
    private final Class<?> carrier;
    private final int elementBytes;
    private final long min;
    private final long max;

    KServeDataType(DataType configType, OnnxTensorType onnxType, Class<?> carrier, int elementBytes, long min, long max) {
        this.configType = configType;
        this.onnxType = onnxType;
        this.carrier = carrier;
        this.elementBytes = elementBytes;
        this.min = min;
        this.max = max;
    }

    public static Optional<KServeDataType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }

    public static Optional<KServeDataType> of(DataType configType) {
        return Arrays.stream(values()).filter(type -> type.configType == configType).findFirst();
    }

    public static Optional<KServeDataType> of(OnnxTensorType onnxType) {
        return Arrays.stream(values()).filter(type -> type.onnxType == onnxType).findFirst();
    }

    public DataType configType() {
        return configType;
    }

    public OnnxTensorType onnxType() {
        return onnxType;
    }

    public Class<?> carrier() {
        return carrier;
    }

    /** Bytes per element in raw contents; -1 for BYTES, whose elements carry a 4-byte length prefix. */
    public int elementBytes() {
        return elementBytes;
    }

    /** Whether ONNX Runtime's Java binding can create input tensors of this type (it has no unsigned wider than 8 bits). */
    public boolean feedable() {
        return this != UINT16 && this != UINT32 && this != UINT64;
    }

    /** Whether an integer fits this type; asked only of {@link #narrowInteger()} types. */
    boolean holds(long value) {
        return value >= min && value <= max;
    }

    /** Integer types whose carrier is wider than the type, so a value can fall outside it. */
    boolean narrowInteger() {
        return switch (this) {
            case UINT8, UINT16, UINT32, INT8, INT16 -> true;
            default -> false;
        };
    }
}
