package dev.modelyard.training.event;

import java.util.Locale;
import java.util.Map;

/** An event as the API shows it, shaped like OpenAI's {@code fine_tuning.job.event}. */
public record JobEventView(String object, String id, long createdAt, String level, String message,
                           Map<String, Object> data, String type) {

    public static JobEventView of(JobEvent event) {
        return new JobEventView("fine_tuning.job.event", event.id, event.createdAt.getEpochSecond(),
                event.level.name().toLowerCase(Locale.ROOT), event.message, event.data,
                event.type.name().toLowerCase(Locale.ROOT));
    }
}
