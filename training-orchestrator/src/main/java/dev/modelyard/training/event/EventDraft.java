package dev.modelyard.training.event;

import java.util.Map;

/** An event's content before it belongs to a job. */
public record EventDraft(JobEvent.Level level, JobEvent.Type type, String message, Map<String, Object> data) {

    public EventDraft {
        data = data == null ? Map.of() : data;
    }

    public static EventDraft info(String message) {
        return new EventDraft(JobEvent.Level.INFO, JobEvent.Type.MESSAGE, message, Map.of());
    }

    public static EventDraft error(String message, Map<String, Object> data) {
        return new EventDraft(JobEvent.Level.ERROR, JobEvent.Type.MESSAGE, message, data);
    }
}
