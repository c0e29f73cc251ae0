package dev.modelyard.training.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/**
 * What a trainer that exited 0 left in its output folder, checked before anything is registered: a trainer is
 * any container image implementing the contract, so its word that it completed is not proof that the model is
 * servable or that the privacy budget held.
 *
 * @param signature {@code signature.json}, with at least one input and one output in KServe's tensor terms
 * @param metrics   {@code metrics.json}
 */
public record TrainerOutputs(JsonNode signature, JsonNode metrics) {

    /** The tensor datatypes of the KServe v2 inference protocol, the only ones the serving side accepts. */
    static final Set<String> KSERVE_DATATYPES = Set.of("BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16",
            "INT32", "INT64", "FP16", "FP32", "FP64", "BYTES");

    /** Room for rounding in how a trainer writes ε, far below any difference a budget could care about. */
    static final double EPSILON_TOLERANCE = 1e-9;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Thrown when the outputs cannot be registered; the message names the file and what is wrong with it. */
    public static final class InvalidTrainerOutputException extends Exception {
        InvalidTrainerOutputException(String message) {
            super(message);
        }
    }

    /**
     * @param targetEpsilon the job's privacy budget; null when it trained without privacy
     * @throws InvalidTrainerOutputException naming the first thing that is wrong
     */
    public static TrainerOutputs check(JobFolder folder, Double targetEpsilon) throws InvalidTrainerOutputException {
        try {
            if (!Files.isRegularFile(folder.model()) || Files.size(folder.model()) == 0) {
                throw new InvalidTrainerOutputException("model.onnx is missing or empty");
            }
        } catch (IOException e) {
            throw new InvalidTrainerOutputException("model.onnx cannot be read: " + e.getMessage());
        }
        JsonNode signature = parse(folder.signature());
        checkTensors(signature, "inputs");
        checkTensors(signature, "outputs");
        JsonNode metrics = parse(folder.metrics());
        if (targetEpsilon != null) {
            JsonNode epsilon = metrics.get("epsilon");
            if (epsilon == null || !epsilon.isNumber()) {
                throw new InvalidTrainerOutputException("metrics.json has no epsilon, though the job trained with privacy");
            }
            if (!(epsilon.doubleValue() <= targetEpsilon + EPSILON_TOLERANCE)) {
                throw new InvalidTrainerOutputException("metrics.json reports epsilon " + epsilon.doubleValue()
                        + ", above the target of " + targetEpsilon);
            }
        }
        return new TrainerOutputs(signature, metrics);
    }

    private static JsonNode parse(Path file) throws InvalidTrainerOutputException {
        String name = file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new InvalidTrainerOutputException(name + " is missing");
        }
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw new InvalidTrainerOutputException(name + " is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidTrainerOutputException(name + " cannot be read: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidTrainerOutputException(name + " must hold a JSON object");
        }
        return root;
    }

    /** {@code inputs} or {@code outputs}: a non-empty array of tensors with a name, a KServe datatype and a shape. */
    private static void checkTensors(JsonNode signature, String field) throws InvalidTrainerOutputException {
        JsonNode tensors = signature.get(field);
        if (tensors == null || !tensors.isArray() || tensors.isEmpty()) {
            throw new InvalidTrainerOutputException("signature.json " + field + " must list at least one tensor");
        }
        for (int i = 0; i < tensors.size(); i++) {
            String path = "signature.json " + field + "[" + i + "]";
            JsonNode tensor = tensors.get(i);
            JsonNode name = tensor.get("name");
            if (name == null || !name.isTextual() || name.textValue().isBlank()) {
                throw new InvalidTrainerOutputException(path + ".name must be a non-empty string");
            }
            JsonNode datatype = tensor.get("datatype");
            if (datatype == null || !datatype.isTextual() || !KSERVE_DATATYPES.contains(datatype.textValue())) {
                throw new InvalidTrainerOutputException(path + ".datatype " + datatype + " is not a KServe datatype");
            }
            JsonNode shape = tensor.get("shape");
            if (shape == null || !shape.isArray()) {
                throw new InvalidTrainerOutputException(path + ".shape must be an array of dimensions");
            }
            for (JsonNode dimension : shape) {
                // -1 stands for a dimension of any size, such as the batch.
                if (!dimension.isIntegralNumber() || !dimension.canConvertToLong() || dimension.longValue() < -1) {
                    throw new InvalidTrainerOutputException(path + ".shape must hold integers of at least -1, found "
                            + dimension);
                }
            }
        }
    }
}
