package dev.modelyard.registry.traffic;

import java.util.Map;
import java.util.TreeMap;

/** One revision of a model's traffic split; {@code weights} is absent for a removal. */
public record TrafficSplitEventView(String object, int revision, String action, Map<String, Integer> weights,
                                    String by, long at) {

    static TrafficSplitEventView of(TrafficSplitEvent event) {
        return new TrafficSplitEventView("model.traffic_split_event", event.revision, event.action,
                event.weights == null ? null : new TreeMap<>(event.weights), event.actor,
                event.occurredAt.getEpochSecond());
    }
}
