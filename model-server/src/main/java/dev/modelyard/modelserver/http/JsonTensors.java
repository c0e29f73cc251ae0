package dev.modelyard.modelserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.runtime.KServeDataType;
import dev.modelyard.modelserver.runtime.RawTensors;
import dev.modelyard.modelserver.runtime.Tensor;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Converts the KServe v2 JSON tensors: nested or flat {@code data} in, flat {@code data} out, or the raw bytes
 * of the binary tensor extension ({@link RawTensors}) either way.
 */
final class JsonTensors {

    private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonTensors() {
    }

    /** @param binary the input's bytes from the binary part of the request, or null when it carries JSON data */
    static Tensor fromInput(KServeJson.InferInput input, ByteBuffer binary) {
        if (input.name() == null || input.datatype() == null || input.shape() == null
                || input.data() == null && binary == null) {
            throw ModelServerException.invalid("every input needs name, datatype, shape and data (or "
                    + "parameters.binary_data_size)");
        }
        KServeDataType datatype = KServeDataType.named(input.datatype()).orElseThrow(() -> ModelServerException.invalid(
                "input '" + input.name() + "' has the unsupported datatype '" + input.datatype() + "'"));
        Object values = binary != null ? RawTensors.decode(input.name(), datatype, binary) : fromData(input, datatype);
        return new Tensor(input.name(), datatype, input.shape(), values);
    }

    private static Object fromData(KServeJson.InferInput input, KServeDataType datatype) {
        List<JsonNode> elements = new ArrayList<>();
        flatten(input.data(), elements);
        int count = elements.size();
        return switch (datatype) {
            case BOOL -> {
                boolean[] booleans = new boolean[count];
                for (int i = 0; i < count; i++) {
                    booleans[i] = element(input, elements.get(i), JsonNode::isBoolean).booleanValue();
                }
                yield booleans;
            }
            case UINT8, UINT16, INT8, INT16, INT32 -> {
                int[] ints = new int[count];
                for (int i = 0; i < count; i++) {
                    ints[i] = element(input, elements.get(i), node -> node.isIntegralNumber() && node.canConvertToInt()).intValue();
                }
                yield ints;
            }
            case UINT32, INT64 -> {
                long[] longs = new long[count];
                for (int i = 0; i < count; i++) {
                    longs[i] = element(input, elements.get(i), node -> node.isIntegralNumber() && node.canConvertToLong()).longValue();
                }
                yield longs;
            }
            case UINT64 -> {
                long[] longs = new long[count];
                for (int i = 0; i < count; i++) {
                    longs[i] = element(input, elements.get(i), node -> node.isIntegralNumber()
                            && node.bigIntegerValue().signum() >= 0 && node.bigIntegerValue().compareTo(UINT64_MAX) <= 0)
                            .bigIntegerValue().longValue();
                }
                yield longs;
            }
            case FP16 -> {
                short[] halves = new short[count];
                for (int i = 0; i < count; i++) {
                    halves[i] = Float.floatToFloat16(element(input, elements.get(i), JsonNode::isNumber).floatValue());
                }
                yield halves;
            }
            case FP32 -> {
                float[] floats = new float[count];
                for (int i = 0; i < count; i++) {
                    floats[i] = element(input, elements.get(i), JsonNode::isNumber).floatValue();
                }
                yield floats;
            }
            case FP64 -> {
                double[] doubles = new double[count];
                for (int i = 0; i < count; i++) {
                    doubles[i] = element(input, elements.get(i), JsonNode::isNumber).doubleValue();
                }
                yield doubles;
            }
            case BYTES -> {
                byte[][] strings = new byte[count][];
                for (int i = 0; i < count; i++) {
                    strings[i] = element(input, elements.get(i), JsonNode::isTextual).textValue().getBytes(StandardCharsets.UTF_8);
                }
                yield strings;
            }
        };
    }

    /** The output as JSON data, or, when {@code binary}, announced by its size with the bytes left to the caller. */
    static KServeJson.InferOutput toOutput(Tensor tensor, byte[] binary) {
        if (binary != null) {
            return new KServeJson.InferOutput(tensor.name(), tensor.datatype().name(), tensor.shape(),
                    Map.of("binary_data_size", binary.length), null);
        }
        return new KServeJson.InferOutput(tensor.name(), tensor.datatype().name(), tensor.shape(), null, data(tensor));
    }

    private static Object data(Tensor tensor) {
        Object values = tensor.values();
        return switch (tensor.datatype()) {
            case BYTES -> {
                byte[][] bytes = (byte[][]) values;
                String[] strings = new String[bytes.length];
                for (int i = 0; i < bytes.length; i++) {
                    strings[i] = new String(bytes[i], StandardCharsets.UTF_8);
                }
                yield strings;
            }
            case UINT64 -> {
                long[] longs = (long[]) values;
                BigInteger[] unsigned = new BigInteger[longs.length];
                for (int i = 0; i < longs.length; i++) {
                    unsigned[i] = new BigInteger(Long.toUnsignedString(longs[i]));
                }
                yield unsigned;
            }
            case FP16 -> {
                short[] halves = (short[]) values;
                float[] floats = new float[halves.length];
                for (int i = 0; i < halves.length; i++) {
                    floats[i] = Float.float16ToFloat(halves[i]);
                }
                yield floats;
            }
            default -> values;
        };
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(element -> flatten(element, into));
        } else {
            into.add(node);
        }
    }

    private static JsonNode element(KServeJson.InferInput input, JsonNode element,
                                    Predicate<JsonNode> fits) {
        if (!fits.test(element)) {
            throw ModelServerException.invalid("input '" + input.name() + "' is " + input.datatype()
                    + ", which cannot hold the value " + element);
        }
        return element;
    }
}
