package dev.modelyard.registry.traffic;

import java.util.Map;
import java.util.TreeMap;

/** A model's traffic split as the API shows it. */
public record TrafficSplitView(String object, String model, Map<String, Integer> weights, int revision,
                               long updatedAt, String updatedBy) {

    static TrafficSplitView of(TrafficSplit split, String modelName) {
        return new TrafficSplitView("model.traffic_split", modelName, new TreeMap<>(split.weights), split.revision,
                split.updatedAt.getEpochSecond(), split.updatedBy);
    }
}
