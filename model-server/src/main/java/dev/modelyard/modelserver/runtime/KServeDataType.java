package dev.modelyard.modelserver.runtime;

import ai.onnxruntime.OnnxJavaType;
import dev.modelyard.protocols.kserve.DataType;
import java.util.Arrays;
import java.util.Optional;

/**
 * The KServe v2 tensor datatypes this server converts, with the Triton config type and the ONNX Runtime
 * type each corresponds to, and the Java array that carries a tensor's values ({@link Tensor#values()}).
 * Narrow integers travel as {@code int[]}, as the KServe protocol's {@code int_contents} do.
 */
public enum KServeDataType {
    BOOL(DataType.TYPE_BOOL, OnnxJavaType.BOOL, boolean[].class, 1),
    UINT8(DataType.TYPE_UINT8, OnnxJavaType.UINT8, int[].class, 1),
    INT8(DataType.TYPE_INT8, OnnxJavaType.INT8, int[].class, 1),
    INT16(DataType.TYPE_INT16, OnnxJavaType.INT16, int[].class, 2),
    INT32(DataType.TYPE_INT32, OnnxJavaType.INT32, int[].class, 4),
    INT64(DataType.TYPE_INT64, OnnxJavaType.INT64, long[].class, 8),
    FP32(DataType.TYPE_FP32, OnnxJavaType.FLOAT, float[].class, 4),
    FP64(DataType.TYPE_FP64, OnnxJavaType.DOUBLE, double[].class, 8),
    /** Strings in ONNX; each element is a byte string (UTF-8 text when it comes from an ONNX string). */
    BYTES(DataType.TYPE_STRING, OnnxJavaType.STRING, byte[][].class, -1);

    private final DataType configType;
    private final OnnxJavaType onnxType;
    private final Class<?> carrier;
    private final int elementBytes;

    KServeDataType(DataType configType, OnnxJavaType onnxType, Class<?> carrier, int elementBytes) {
        this.configType = configType;
        this.onnxType = onnxType;
        this.carrier = carrier;
        this.elementBytes = elementBytes;
    }

    public static Optional<KServeDataType> named(String name) {
        return Arrays.stream(values()).filter(type -> type.name().equals(name)).findFirst();
    }

    public static Optional<KServeDataType> of(DataType configType) {
        return Arrays.stream(values()).filter(type -> type.configType == configType).findFirst();
    }

    public static Optional<KServeDataType> of(OnnxJavaType onnxType) {
        return Arrays.stream(values()).filter(type -> type.onnxType == onnxType).findFirst();
    }

    public DataType configType() {
        return configType;
    }

    public OnnxJavaType onnxType() {
        return onnxType;
    }

    public Class<?> carrier() {
        return carrier;
    }

    /** Bytes per element in {@code raw_input_contents}; -1 for BYTES, whose elements carry a length prefix. */
    public int elementBytes() {
        return elementBytes;
    }
}
