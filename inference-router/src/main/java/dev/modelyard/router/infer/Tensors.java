package dev.modelyard.router.infer;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.protobuf.ByteString;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.protocols.kserve.InferParameter;
import dev.modelyard.protocols.kserve.InferTensorContents;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferRequest.InferInputTensor;
import dev.modelyard.protocols.kserve.ModelInferRequest.InferRequestedOutputTensor;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelInferResponse.InferOutputTensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Converts tensors between KServe's JSON (with the binary tensor extension), gRPC typed contents and gRPC
 * raw contents. Requests reach model servers in the form they came in, except that JSON with an FP16 or a
 * binary input becomes raw contents for every input, as the protocol asks; answers may come back in either
 * gRPC form.
 */
final class Tensors {

    private Tensors() {
    }

    /** The HTTP-only parameters of the binary tensor extension, never passed on to model servers. */
    static final String BINARY_DATA_SIZE = "binary_data_size";
    static final String BINARY_DATA = "binary_data";
    static final String BINARY_DATA_OUTPUT = "binary_data_output";

    /**
     * @param binary the bytes after the JSON (binary tensor extension), consumed by the inputs that announce a
     *               {@code binary_data_size}, in order; empty for a plain JSON body
     * @throws InvalidTensorsException naming every input field that cannot be read
     */
    static ModelInferRequest fromJson(KServeJson.InferenceRequest body, ByteString binary) {
        List<FieldError> errors = new ArrayList<>();
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder();
        if (body.id() != null) {
            request.setId(body.id());
        }
        request.putAllParameters(parameters(body.parameters(), "parameters", errors));
        request.removeParameters(BINARY_DATA_OUTPUT);
        List<ByteString> binaryInputs = new ArrayList<>();
        int offset = 0;
        if (body.inputs() == null || body.inputs().isEmpty()) {
            errors.add(FieldError.field("inputs", "At least one input is required"));
        } else {
            for (int i = 0; i < body.inputs().size(); i++) {
                KServeJson.InputTensor input = body.inputs().get(i);
                String field = "inputs[" + i + "]";
                ByteString bytes = null;
                JsonNode size = input == null || input.parameters() == null ? null : input.parameters().get(BINARY_DATA_SIZE);
                if (size != null) {
                    if (!size.canConvertToInt() || size.intValue() < 0 || size.intValue() > binary.size() - offset) {
                        errors.add(FieldError.field(field + ".parameters." + BINARY_DATA_SIZE, "Announces " + size
                                + " bytes where " + (binary.size() - offset) + " bytes of binary data remain"));
                        break;
                    }
                    bytes = binary.substring(offset, offset + size.intValue());
                    offset += size.intValue();
                }
                binaryInputs.add(bytes);
                request.addInputs(input(input, bytes != null, field, errors));
            }
        }
        if (errors.isEmpty() && offset != binary.size()) {
            errors.add(FieldError.field("inputs", (binary.size() - offset) + " bytes of binary data follow the JSON"
                    + " that no input's " + BINARY_DATA_SIZE + " accounts for"));
        }
        if (body.outputs() != null) {
            for (int i = 0; i < body.outputs().size(); i++) {
                KServeJson.RequestedOutput output = body.outputs().get(i);
                if (output == null || output.name() == null) {
                    errors.add(FieldError.field("outputs[" + i + "].name", "An output name is required"));
                    continue;
                }
                request.addOutputs(InferRequestedOutputTensor.newBuilder().setName(output.name())
                        .putAllParameters(parameters(output.parameters(), "outputs[" + i + "].parameters", errors))
                        .removeParameters(BINARY_DATA));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidTensorsException(errors);
        }
        boolean raw = binaryInputs.stream().anyMatch(bytes -> bytes != null) || request.getInputsList().stream()
                .anyMatch(input -> Datatype.of(input.getDatatype()).map(type -> !type.typed()).orElse(false));
        if (raw) {
            for (int i = 0; i < request.getInputsCount(); i++) {
                InferInputTensor.Builder input = request.getInputsBuilder(i);
                request.addRawInputContents(binaryInputs.get(i) != null ? binaryInputs.get(i)
                        : Datatype.of(input.getDatatype()).orElseThrow().toRaw(input.getContents()));
                input.clearContents();
            }
        }
        return request.build();
    }

    /** @param binary whether the input's values come in the binary part instead of {@code data} */
    private static InferInputTensor input(KServeJson.InputTensor input, boolean binary, String field,
                                          List<FieldError> errors) {
        InferInputTensor.Builder tensor = InferInputTensor.newBuilder();
        if (input == null) {
            errors.add(FieldError.field(field, "An input is required"));
            return tensor.build();
        }
        if (input.name() == null) {
            errors.add(FieldError.field(field + ".name", "An input name is required"));
        } else {
            tensor.setName(input.name());
        }
        if (input.shape() == null || input.shape().stream().anyMatch(d -> d == null)) {
            errors.add(FieldError.field(field + ".shape", "A shape (a list of sizes) is required"));
        } else {
            tensor.addAllShape(input.shape());
        }
        tensor.putAllParameters(parameters(input.parameters(), field + ".parameters", errors));
        tensor.removeParameters(BINARY_DATA_SIZE);
        Datatype type = Datatype.of(input.datatype()).orElse(null);
        if (type == null) {
            errors.add(FieldError.field(field + ".datatype", "Datatype '" + input.datatype() + "' is not supported"));
            return tensor.build();
        }
        tensor.setDatatype(type.name());
        if (binary) {
            return tensor.build();
        }
        if (input.data() == null || !input.data().isArray()) {
            errors.add(FieldError.field(field + ".data", "Data (an array, flat or nested), or parameters."
                    + BINARY_DATA_SIZE + " with the values in the binary part, is required"));
            return tensor.build();
        }
        InferTensorContents.Builder contents = InferTensorContents.newBuilder();
        List<JsonNode> values = new ArrayList<>();
        flatten(input.data(), values);
        for (int i = 0; i < values.size(); i++) {
            if (!type.append(values.get(i), contents)) {
                errors.add(FieldError.field(field + ".data", "Element " + i + " (" + values.get(i)
                        + ") is not a " + type.name() + " value"));
                break;
            }
        }
        return tensor.setContents(contents).build();
    }

    private static void flatten(JsonNode node, List<JsonNode> into) {
        if (node.isArray()) {
            node.forEach(element -> flatten(element, into));
        } else {
            into.add(node);
        }
    }

    private static Map<String, InferParameter> parameters(Map<String, JsonNode> json, String field,
                                                          List<FieldError> errors) {
        if (json == null) {
            return Map.of();
        }
        Map<String, InferParameter> parameters = new LinkedHashMap<>();
        json.forEach((name, value) -> {
            InferParameter.Builder parameter = InferParameter.newBuilder();
            if (value.isBoolean()) {
                parameter.setBoolParam(value.booleanValue());
            } else if (value.isIntegralNumber() && value.canConvertToLong()) {
                parameter.setInt64Param(value.longValue());
            } else if (value.isNumber()) {
                parameter.setDoubleParam(value.doubleValue());
            } else if (value.isTextual()) {
                parameter.setStringParam(value.textValue());
            } else {
                errors.add(FieldError.field(field + "." + name, "A parameter is a boolean, number or string"));
                return;
            }
            parameters.put(name, parameter.build());
        });
        return parameters;
    }

    /**
     * Checks that raw contents, when used, come for every input and split into whole elements, and that an
     * input without typed contents (FP16) comes raw.
     *
     * @throws InvalidTensorsException naming each raw entry or input at fault
     */
    static ModelInferRequest checked(ModelInferRequest request) {
        List<FieldError> errors = new ArrayList<>();
        boolean raw = request.getRawInputContentsCount() > 0;
        if (raw && request.getRawInputContentsCount() != request.getInputsCount()) {
            errors.add(FieldError.field("raw_input_contents", "Raw contents are needed for every input or none"));
        } else {
            for (int i = 0; i < request.getInputsCount(); i++) {
                InferInputTensor input = request.getInputs(i);
                Datatype type = Datatype.of(input.getDatatype()).orElse(null);
                if (type == null) {
                    errors.add(FieldError.field("inputs[" + i + "].datatype", "Datatype '" + input.getDatatype()
                            + "' is not supported"));
                } else if (!raw && !type.typed()) {
                    errors.add(FieldError.field("inputs[" + i + "].contents", type.name()
                            + " has no typed contents; send it in raw_input_contents"));
                } else if (raw) {
                    try {
                        type.count(request.getRawInputContents(i));
                    } catch (IllegalArgumentException e) {
                        errors.add(FieldError.field("raw_input_contents[" + i + "]", e.getMessage()));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidTensorsException(errors);
        }
        return request;
    }

    /** An answer as KServe JSON, and the bytes of the outputs asked for in binary, in the order listed. */
    record JsonAnswer(KServeJson.InferenceResponse json, ByteString binary) {
    }

    /**
     * A model server's answer as KServe JSON; data comes out flat, which KServe allows. Outputs the request
     * asks for in binary ({@code binary_data} per output, else {@code binary_data_output}) announce their
     * {@code binary_data_size} instead and go into {@link JsonAnswer#binary()}.
     */
    static JsonAnswer toJson(ModelInferResponse response, KServeJson.InferenceRequest request) {
        List<KServeJson.OutputTensor> outputs = new ArrayList<>();
        List<ByteString> binary = new ArrayList<>();
        boolean raw = response.getRawOutputContentsCount() > 0;
        for (int i = 0; i < response.getOutputsCount(); i++) {
            InferOutputTensor output = response.getOutputs(i);
            Datatype type = Datatype.of(output.getDatatype()).orElseThrow(() -> new IllegalStateException(
                    "The model server answered with unsupported datatype " + output.getDatatype()));
            if (wantsBinary(request, output.getName())) {
                ByteString bytes = raw ? response.getRawOutputContents(i) : type.toRaw(output.getContents());
                binary.add(bytes);
                outputs.add(new KServeJson.OutputTensor(output.getName(), type.name(), output.getShapeList(),
                        Map.of(BINARY_DATA_SIZE, bytes.size()), null));
            } else {
                InferTensorContents contents = raw ? type.fromRaw(response.getRawOutputContents(i)) : output.getContents();
                outputs.add(new KServeJson.OutputTensor(output.getName(), type.name(), output.getShapeList(), null,
                        Collections.unmodifiableList(type.values(contents))));
            }
        }
        return new JsonAnswer(new KServeJson.InferenceResponse(response.getModelName(), response.getModelVersion(),
                response.getId().isEmpty() ? null : response.getId(), outputs), ByteString.copyFrom(binary));
    }

    private static boolean wantsBinary(KServeJson.InferenceRequest request, String output) {
        if (request.outputs() != null) {
            for (KServeJson.RequestedOutput requested : request.outputs()) {
                if (requested != null && output.equals(requested.name()) && requested.parameters() != null
                        && requested.parameters().containsKey(BINARY_DATA)) {
                    return requested.parameters().get(BINARY_DATA).asBoolean();
                }
            }
        }
        return request.parameters() != null && request.parameters().containsKey(BINARY_DATA_OUTPUT)
                && request.parameters().get(BINARY_DATA_OUTPUT).asBoolean();
    }
}
