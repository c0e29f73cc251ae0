package dev.modelyard.training.event;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.training.executor.ProgressLine;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns the trainer's progress lines into job events: {@code step} and {@code epoch} become metrics. An event's
 * data is the line itself, its {@code type} included, so clients can tell a step's figures from an epoch's.
 */
public final class TrainerEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> EPOCH_FIGURES =
            List.of("train_loss", "train_accuracy", "valid_loss", "valid_accuracy", "epsilon");
    private static final int MAX_QUOTED = 500;

    private TrainerEvents() {
    }

    /** The event for one raw line of {@code progress.jsonl}. */
    public static EventDraft describe(String rawLine) {
        Optional<ProgressLine> parsed = ProgressLine.parse(rawLine);
        if (parsed.isEmpty()) {
            String quoted = rawLine.length() <= MAX_QUOTED ? rawLine : rawLine.substring(0, MAX_QUOTED) + "…";
            return new EventDraft(JobEvent.Level.WARN, JobEvent.Type.MESSAGE,
                    "The trainer wrote a line that is not a progress object", Map.of("line", quoted));
        }
        ProgressLine line = parsed.get();
        Map<String, Object> data = JSON.convertValue(line.fields(), new TypeReference<LinkedHashMap<String, Object>>() {
        });
        return switch (line.type()) {
            case ProgressLine.STARTED -> new EventDraft(JobEvent.Level.INFO, JobEvent.Type.MESSAGE,
                    "Training started: " + figure(line, "rows") + " rows, " + figure(line, "features")
                            + " features, " + figure(line, "classes") + " classes", data);
            case ProgressLine.STEP -> new EventDraft(JobEvent.Level.INFO, JobEvent.Type.METRICS,
                    "Step " + figure(line, "step") + ": loss=" + figure(line, "loss"), data);
            case ProgressLine.EPOCH -> new EventDraft(JobEvent.Level.INFO, JobEvent.Type.METRICS,
                    "Epoch " + figure(line, "epoch") + ": " + EPOCH_FIGURES.stream()
                            .filter(name -> line.fields().hasNonNull(name))
                            .map(name -> name + "=" + figure(line, name))
                            .collect(Collectors.joining(", ")), data);
            case ProgressLine.COMPLETED -> new EventDraft(JobEvent.Level.INFO, JobEvent.Type.MESSAGE,
                    "Training completed", data);
            case ProgressLine.ERROR -> EventDraft.error(line.text("message") == null
                    ? "The trainer reported an error" : line.text("message"), data);
            default -> new EventDraft(JobEvent.Level.INFO, JobEvent.Type.MESSAGE,
                    "The trainer reported '" + line.type() + "'", data);
        };
    }

    /** Whole numbers as they are, fractions to four significant digits: the full values stay in the data. */
    private static String figure(ProgressLine line, String field) {
        JsonNode value = line.fields().get(field);
        if (value == null || value.isNull()) {
            return "?";
        }
        if (value.isFloatingPointNumber()) {
            return new BigDecimal(value.asDouble()).round(new MathContext(4)).stripTrailingZeros()
                    .toPlainString();
        }
        return value.isTextual() ? value.asText() : value.toString();
    }
}
