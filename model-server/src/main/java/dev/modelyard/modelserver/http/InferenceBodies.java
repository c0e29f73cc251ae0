package dev.modelyard.modelserver.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.runtime.InferenceResponse;
import dev.modelyard.modelserver.runtime.RawTensors;
import dev.modelyard.modelserver.runtime.Tensor;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Inference bodies over HTTP with KServe's binary tensor extension: a JSON header, then, when the
 * {@code Inference-Header-Content-Length} header says where the JSON ends, the raw bytes of the inputs (or
 * outputs) that announce a {@code binary_data_size}, in the order they are listed.
 */
final class InferenceBodies {

    static final String HEADER_LENGTH = "Inference-Header-Content-Length";

    /** A request's JSON and its inputs, read from JSON data or from the binary part. */
    record Request(KServeJson.InferRequest json, List<Tensor> inputs) {
    }

    /** @param headerLength the JSON's length when binary outputs follow it, else null */
    record Body(byte[] bytes, Integer headerLength) {
    }

    private InferenceBodies() {
    }

    /** @param headerLength the {@code Inference-Header-Content-Length} header, or null for a JSON-only body */
    static Request read(byte[] body, Integer headerLength, ObjectMapper mapper) {
        int jsonLength = headerLength == null ? body.length : headerLength;
        if (jsonLength < 0 || jsonLength > body.length) {
            throw ModelServerException.invalid(HEADER_LENGTH + " " + jsonLength + " does not fit the body of "
                    + body.length + " bytes");
        }
        KServeJson.InferRequest json;
        try {
            json = mapper.readValue(body, 0, jsonLength, KServeJson.InferRequest.class);
        } catch (JsonProcessingException e) {
            throw ModelServerException.invalid("the inference request is not valid JSON: " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ModelServerException.invalid("the inference request cannot be read: " + e.getMessage());
        }
        if (json == null || json.inputs() == null) {
            throw ModelServerException.invalid("an inference request needs inputs");
        }
        int offset = jsonLength;
        List<Tensor> inputs = new ArrayList<>(json.inputs().size());
        for (KServeJson.InferInput input : json.inputs()) {
            JsonNode size = input == null || input.parameters() == null ? null : input.parameters().get("binary_data_size");
            ByteBuffer binary = null;
            if (size != null) {
                if (!size.canConvertToInt() || size.intValue() < 0 || size.intValue() > body.length - offset) {
                    throw ModelServerException.invalid("input '" + input.name() + "' announces binary_data_size " + size
                            + " where " + (body.length - offset) + " bytes of binary data remain");
                }
                binary = ByteBuffer.wrap(body, offset, size.intValue());
                offset += size.intValue();
            }
            if (input == null) {
                throw ModelServerException.invalid("every input needs name, datatype, shape and data");
            }
            inputs.add(JsonTensors.fromInput(input, binary));
        }
        if (offset != body.length) {
            throw ModelServerException.invalid((body.length - offset) + " bytes of binary data follow the inputs"
                    + " that no input's binary_data_size accounts for");
        }
        return new Request(json, inputs);
    }

    /** The answer: plain JSON, or JSON followed by the outputs the request asked for in binary. */
    static Body write(KServeJson.InferRequest request, InferenceResponse response, ObjectMapper mapper) {
        List<KServeJson.InferOutput> outputs = new ArrayList<>();
        ByteArrayOutputStream binary = new ByteArrayOutputStream();
        for (Tensor output : response.outputs()) {
            byte[] raw = wantsBinary(request, output.name()) ? RawTensors.encode(output) : null;
            if (raw != null) {
                binary.writeBytes(raw);
            }
            outputs.add(JsonTensors.toOutput(output, raw));
        }
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(new KServeJson.InferResponse(response.modelName(), response.modelVersion(),
                    response.id(), outputs));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an inference answer could not be written", e);
        }
        if (binary.size() == 0) {
            return new Body(json, null);
        }
        ByteBuffer body = ByteBuffer.allocate(json.length + binary.size()).put(json).put(binary.toByteArray());
        return new Body(body.array(), json.length);
    }

    /** An output's own {@code binary_data} wins over the request's {@code binary_data_output}. */
    private static boolean wantsBinary(KServeJson.InferRequest request, String output) {
        if (request.outputs() != null) {
            for (KServeJson.RequestedOutput requested : request.outputs()) {
                if (requested != null && output.equals(requested.name()) && requested.parameters() != null
                        && requested.parameters().containsKey("binary_data")) {
                    return requested.parameters().get("binary_data").asBoolean();
                }
            }
        }
        Map<String, JsonNode> parameters = request.parameters();
        return parameters != null && parameters.containsKey("binary_data_output")
                && parameters.get("binary_data_output").asBoolean();
    }
}
