package dev.modelyard.router.infer;

import com.fasterxml.jackson.databind.JsonNode;
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
 * Converts tensors between KServe's JSON, gRPC typed contents and gRPC raw contents. Model servers
 * always get typed contents; answers may come back in either gRPC form.
 */
final class Tensors {

    private Tensors() {
    }

    /** @throws InvalidTensorsException naming every input field that cannot be read */
    static ModelInferRequest fromJson(KServeJson.InferenceRequest body) {
        List<FieldError> errors = new ArrayList<>();
        ModelInferRequest.Builder request = ModelInferRequest.newBuilder();
        if (body.id() != null) {
            request.setId(body.id());
        }
        request.putAllParameters(parameters(body.parameters(), "parameters", errors));
        if (body.inputs() == null || body.inputs().isEmpty()) {
            errors.add(FieldError.field("inputs", "At least one input is required"));
        } else {
            for (int i = 0; i < body.inputs().size(); i++) {
                request.addInputs(input(body.inputs().get(i), "inputs[" + i + "]", errors));
            }
        }
        if (body.outputs() != null) {
            for (int i = 0; i < body.outputs().size(); i++) {
                KServeJson.RequestedOutput output = body.outputs().get(i);
                if (output == null || output.name() == null) {
                    errors.add(FieldError.field("outputs[" + i + "].name", "An output name is required"));
                    continue;
                }
                request.addOutputs(InferRequestedOutputTensor.newBuilder().setName(output.name())
                        .putAllParameters(parameters(output.parameters(), "outputs[" + i + "].parameters", errors)));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidTensorsException(errors);
        }
        return request.build();
    }

    private static InferInputTensor input(KServeJson.InputTensor input, String field, List<FieldError> errors) {
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
        Datatype type = Datatype.of(input.datatype()).orElse(null);
        if (type == null) {
            errors.add(FieldError.field(field + ".datatype", "Datatype '" + input.datatype() + "' is not supported"));
            return tensor.build();
        }
        tensor.setDatatype(type.name());
        if (input.data() == null || !input.data().isArray()) {
            errors.add(FieldError.field(field + ".data", "Data (an array, flat or nested) is required"));
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

    /** Replaces raw input contents with typed ones; model servers and the signature check only read typed contents. */
    static ModelInferRequest typed(ModelInferRequest request) {
        if (request.getRawInputContentsCount() == 0) {
            return request;
        }
        List<FieldError> errors = new ArrayList<>();
        ModelInferRequest.Builder typed = request.toBuilder().clearRawInputContents();
        if (request.getRawInputContentsCount() != request.getInputsCount()) {
            errors.add(FieldError.field("raw_input_contents", "Raw contents are needed for every input or none"));
        } else {
            for (int i = 0; i < request.getInputsCount(); i++) {
                InferInputTensor input = request.getInputs(i);
                String field = "inputs[" + i + "]";
                Datatype type = Datatype.of(input.getDatatype()).orElse(null);
                if (type == null) {
                    errors.add(FieldError.field(field + ".datatype", "Datatype '" + input.getDatatype() + "' is not supported"));
                    continue;
                }
                try {
                    typed.getInputsBuilder(i).setContents(type.fromRaw(request.getRawInputContents(i)));
                } catch (IllegalArgumentException e) {
                    errors.add(FieldError.field("raw_input_contents[" + i + "]", e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidTensorsException(errors);
        }
        return typed.build();
    }

    /** A model server's answer as KServe JSON; data comes out flat, which KServe allows. */
    static KServeJson.InferenceResponse toJson(ModelInferResponse response) {
        List<KServeJson.OutputTensor> outputs = new ArrayList<>();
        boolean raw = response.getRawOutputContentsCount() > 0;
        for (int i = 0; i < response.getOutputsCount(); i++) {
            InferOutputTensor output = response.getOutputs(i);
            Datatype type = Datatype.of(output.getDatatype()).orElseThrow(() -> new IllegalStateException(
                    "The model server answered with unsupported datatype " + output.getDatatype()));
            InferTensorContents contents = raw ? type.fromRaw(response.getRawOutputContents(i)) : output.getContents();
            outputs.add(new KServeJson.OutputTensor(output.getName(), type.name(), output.getShapeList(),
                    Collections.unmodifiableList(type.values(contents))));
        }
        return new KServeJson.InferenceResponse(response.getModelName(), response.getModelVersion(),
                response.getId().isEmpty() ? null : response.getId(), outputs);
    }
}
