package dev.modelyard.router.infer;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.modelyard.protocols.kserve.InferTensorContents;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The KServe v2 datatypes the router carries, and where each one's values live in
 * {@link InferTensorContents}. FP16 has no typed field there: on the wire it travels only in raw contents,
 * and inside the router (JSON in, JSON out) its values are held in {@code fp32_contents} until they are
 * written raw ({@link #toRaw}).
 */
enum Datatype {
    BOOL(Kind.BOOL, 1), UINT8(Kind.UNSIGNED, 1), UINT16(Kind.UNSIGNED, 2), UINT32(Kind.UNSIGNED, 4),
    UINT64(Kind.UNSIGNED, 8), INT8(Kind.SIGNED, 1), INT16(Kind.SIGNED, 2), INT32(Kind.SIGNED, 4),
    INT64(Kind.SIGNED, 8), FP16(Kind.FLOAT, 2), FP32(Kind.FLOAT, 4), FP64(Kind.FLOAT, 8), BYTES(Kind.BYTES, 0);

    private enum Kind { BOOL, SIGNED, UNSIGNED, FLOAT, BYTES }

    /** Looked up several times per call: a map rather than a scan of a fresh {@code values()} copy each time. */
    private static final Map<String, Datatype> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Datatype::name, type -> type));

    private final Kind kind;
    /** Bytes per element in raw (little-endian) contents; BYTES elements carry a 4-byte length prefix instead. */
    private final int size;
    private final BigInteger min;
    private final BigInteger max;

    Datatype(Kind kind, int size) {
        this.kind = kind;
        this.size = size;
        int bits = size * 8;
        this.min = kind == Kind.SIGNED ? BigInteger.ONE.shiftLeft(bits - 1).negate() : BigInteger.ZERO;
        this.max = kind == Kind.SIGNED ? BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE)
                : BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    }

    static Optional<Datatype> of(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }

    /** Adds one JSON value to {@code contents}; {@code false} when the value is not of this type. */
    boolean append(JsonNode value, InferTensorContents.Builder contents) {
        switch (kind) {
            case BOOL -> {
                if (!value.isBoolean()) {
                    return false;
                }
                contents.addBoolContents(value.booleanValue());
            }
            case SIGNED, UNSIGNED -> {
                if (!value.isIntegralNumber() || value.bigIntegerValue().compareTo(min) < 0
                        || value.bigIntegerValue().compareTo(max) > 0) {
                    return false;
                }
                addInteger(value.bigIntegerValue().longValue(), contents);
            }
            case FLOAT -> {
                if (!value.isNumber()) {
                    return false;
                }
                if (this == FP32 || this == FP16) {
                    contents.addFp32Contents(value.floatValue());
                } else {
                    contents.addFp64Contents(value.doubleValue());
                }
            }
            case BYTES -> {
                if (!value.isTextual()) {
                    return false;
                }
                contents.addBytesContents(ByteString.copyFromUtf8(value.textValue()));
            }
        }
        return true;
    }

    /** Integers of every width share three fields: 32-bit signed, 32-bit unsigned and the 64-bit ones. */
    private void addInteger(long value, InferTensorContents.Builder contents) {
        switch (this) {
            case INT64 -> contents.addInt64Contents(value);
            case UINT64 -> contents.addUint64Contents(value);
            case UINT8, UINT16, UINT32 -> contents.addUintContents((int) value);
            default -> contents.addIntContents((int) value);
        }
    }

    int count(InferTensorContents contents) {
        return switch (this) {
            case BOOL -> contents.getBoolContentsCount();
            case INT8, INT16, INT32 -> contents.getIntContentsCount();
            case INT64 -> contents.getInt64ContentsCount();
            case UINT8, UINT16, UINT32 -> contents.getUintContentsCount();
            case UINT64 -> contents.getUint64ContentsCount();
            case FP16, FP32 -> contents.getFp32ContentsCount();
            case FP64 -> contents.getFp64ContentsCount();
            case BYTES -> contents.getBytesContentsCount();
        };
    }

    /** Whether typed contents can carry this type on the wire. */
    boolean typed() {
        return this != FP16;
    }

    /**
     * How many elements raw contents hold.
     *
     * @throws IllegalArgumentException when the bytes do not split into whole elements
     */
    int count(ByteString raw) {
        if (this != BYTES) {
            if (raw.size() % size != 0) {
                throw new IllegalArgumentException(raw.size() + " raw bytes are not whole " + name() + " elements");
            }
            return raw.size() / size;
        }
        return fromRaw(raw).getBytesContentsCount();
    }

    /** Typed contents written as raw contents (the inverse of {@link #fromRaw}). */
    ByteString toRaw(InferTensorContents contents) {
        if (this == BYTES) {
            ByteString.Output out = ByteString.newOutput();
            for (ByteString element : contents.getBytesContentsList()) {
                byte[] length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(element.size()).array();
                out.write(length, 0, 4);
                out.write(element.toByteArray(), 0, element.size());
            }
            return out.toByteString();
        }
        ByteBuffer buffer = ByteBuffer.allocate(count(contents) * size).order(ByteOrder.LITTLE_ENDIAN);
        switch (this) {
            case BOOL -> contents.getBoolContentsList().forEach(value -> buffer.put((byte) (value ? 1 : 0)));
            case INT8 -> contents.getIntContentsList().forEach(value -> buffer.put(value.byteValue()));
            case INT16 -> contents.getIntContentsList().forEach(value -> buffer.putShort(value.shortValue()));
            case INT32 -> contents.getIntContentsList().forEach(buffer::putInt);
            case UINT8 -> contents.getUintContentsList().forEach(value -> buffer.put(value.byteValue()));
            case UINT16 -> contents.getUintContentsList().forEach(value -> buffer.putShort(value.shortValue()));
            case UINT32 -> contents.getUintContentsList().forEach(buffer::putInt);
            case INT64 -> contents.getInt64ContentsList().forEach(buffer::putLong);
            case UINT64 -> contents.getUint64ContentsList().forEach(buffer::putLong);
            case FP16 -> contents.getFp32ContentsList().forEach(value -> buffer.putShort(Float.floatToFloat16(value)));
            case FP32 -> contents.getFp32ContentsList().forEach(buffer::putFloat);
            case FP64 -> contents.getFp64ContentsList().forEach(buffer::putDouble);
            case BYTES -> throw new IllegalStateException("handled above");
        }
        return ByteString.copyFrom(buffer.array());
    }

    /** The values as JSON writes them: numbers, booleans, and BYTES as UTF-8 strings. */
    List<?> values(InferTensorContents contents) {
        return switch (this) {
            case BOOL -> contents.getBoolContentsList();
            case INT8, INT16, INT32 -> contents.getIntContentsList();
            case INT64 -> contents.getInt64ContentsList();
            case UINT8, UINT16, UINT32 -> contents.getUintContentsList().stream().map(Integer::toUnsignedLong).toList();
            case UINT64 -> contents.getUint64ContentsList().stream()
                    .map(v -> new BigInteger(Long.toUnsignedString(v))).toList();
            case FP16, FP32 -> contents.getFp32ContentsList();
            case FP64 -> contents.getFp64ContentsList();
            case BYTES -> contents.getBytesContentsList().stream().map(ByteString::toStringUtf8).toList();
        };
    }

    /**
     * Reads raw contents ({@code raw_input_contents} / {@code raw_output_contents}: little-endian
     * elements, BYTES elements each prefixed with their 4-byte length) into typed contents.
     *
     * @throws IllegalArgumentException when the bytes do not split into whole elements
     */
    InferTensorContents fromRaw(ByteString raw) {
        ByteBuffer buffer = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        if (this == BYTES) {
            while (buffer.hasRemaining()) {
                int length = buffer.remaining() >= 4 ? buffer.getInt() : -1;
                if (length < 0 || length > buffer.remaining()) {
                    throw new IllegalArgumentException("BYTES raw contents are not length-prefixed elements");
                }
                byte[] element = new byte[length];
                buffer.get(element);
                contents.addBytesContents(ByteString.copyFrom(element));
            }
            return contents.build();
        }
        if (buffer.remaining() % size != 0) {
            throw new IllegalArgumentException(raw.size() + " raw bytes are not whole " + name() + " elements");
        }
        while (buffer.hasRemaining()) {
            switch (this) {
                case BOOL -> contents.addBoolContents(buffer.get() != 0);
                case INT8 -> contents.addIntContents(buffer.get());
                case INT16 -> contents.addIntContents(buffer.getShort());
                case UINT8 -> contents.addUintContents(Byte.toUnsignedInt(buffer.get()));
                case UINT16 -> contents.addUintContents(Short.toUnsignedInt(buffer.getShort()));
                case INT32 -> contents.addIntContents(buffer.getInt());
                case UINT32 -> contents.addUintContents(buffer.getInt());
                case INT64 -> contents.addInt64Contents(buffer.getLong());
                case UINT64 -> contents.addUint64Contents(buffer.getLong());
                case FP16 -> contents.addFp32Contents(Float.float16ToFloat(buffer.getShort()));
                case FP32 -> contents.addFp32Contents(buffer.getFloat());
                case FP64 -> contents.addFp64Contents(buffer.getDouble());
                case BYTES -> throw new IllegalStateException("handled above");
            }
        }
        return contents.build();
    }
}
