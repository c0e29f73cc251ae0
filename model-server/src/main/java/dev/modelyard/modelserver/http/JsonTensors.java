package dev.modelyard.modelserver.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.runtime.KServeDataType;
import dev.modelyard.modelserver.runtime.Tensor;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Converts the KServe v2 JSON tensors: nested or flat {@code data} in, flat {@code data} out. */
final class JsonTensors {

    private JsonTensors() {
    }

    static Tensor fromInput(KServeJson.InferInput input) {
        if (input.name() == null || input.datatype() == null || input.shape() == null || input.data() == null) {
            throw ModelServerException.invalid("every input needs name, datatype, shape and data");
        }
        KServeDataType datatype = KServeDataType.named(input.datatype()).orElseThrow(() -> ModelServerException.invalid(
                "input '" + input.name() + "' has the unsupported datatype '" + input.datatype() + "'"));
        List<JsonNode> elements = new ArrayList<>();
        flatten(input.data(), elements);
        int count = elements.size();
        Object values = switch (datatype) {
            case BOOL -> {
                boolean[] booleans = new boolean[count];
                for (int i = 0; i < count; i++) {
                    booleans[i] = element(input, elements.get(i), JsonNode::isBoolean).booleanValue();
                }
                yield booleans;
            }
            case UINT8, INT8, INT16, INT32 -> {
                int[] ints = new int[count];
                for (int i = 0; i < count; i++) {
                    ints[i] = element(input, elements.get(i), node -> node.isIntegralNumber() && node.canConvertToInt()).intValue();
                }
                yield ints;
            }
            case INT64 -> {
                long[] longs = new long[count];
                for (int i = 0; i < count; i++) {
                    longs[i] = element(input, elements.get(i), node -> node.isIntegralNumber() && node.canConvertToLong()).longValue();
                }
                yield longs;
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
        return new Tensor(input.name(), datatype, input.shape(), values);
    }

    static KServeJson.InferOutput toOutput(Tensor tensor) {
        Object data = tensor.values();
        if (tensor.datatype() == KServeDataType.BYTES) {
            byte[][] bytes = (byte[][]) data;
            String[] strings = new String[bytes.length];
            for (int i = 0; i < bytes.length; i++) {
                strings[i] = new String(bytes[i], StandardCharsets.UTF_8);
            }
            data = strings;
        }
        return new KServeJson.InferOutput(tensor.name(), tensor.datatype().name(), tensor.shape(), data);
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
