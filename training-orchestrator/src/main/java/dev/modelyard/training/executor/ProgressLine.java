package dev.modelyard.training.executor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.OptionalDouble;

/** One line of the trainer's progress: a JSON object whose {@code type} says what happened. */
public record ProgressLine(String type, ObjectNode fields) {

    public static final String STARTED = "started";
    public static final String STEP = "step";
    public static final String EPOCH = "epoch";
    public static final String COMPLETED = "completed";
    public static final String ERROR = "error";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The line, or empty when it is not a JSON object with a textual {@code type}. */
    public static Optional<ProgressLine> parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            if (node instanceof ObjectNode object && object.path("type").isTextual()) {
                return Optional.of(new ProgressLine(object.get("type").asText(), object));
            }
            return Optional.empty();
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    public boolean is(String expected) {
        return expected.equals(type);
    }

    public OptionalDouble number(String field) {
        JsonNode value = fields.get(field);
        return value != null && value.isNumber() ? OptionalDouble.of(value.asDouble()) : OptionalDouble.empty();
    }

    /** A text field, or {@code null} when absent or not text. */
    public String text(String field) {
        JsonNode value = fields.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
