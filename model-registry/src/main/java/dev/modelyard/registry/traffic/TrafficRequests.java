package dev.modelyard.registry.traffic;

import java.util.Map;

/** Request bodies of the traffic split endpoint. */
public final class TrafficRequests {

    private TrafficRequests() {
    }

    /** {@code {"weights": {"production": 90, "candidate": 10}}}. */
    public record Set(Map<String, Integer> weights) {
    }
}
