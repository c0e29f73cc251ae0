package dev.modelyard.registry.traffic;

import dev.modelyard.common.error.FieldError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The rules a traffic split's weights follow; each broken one names the field at fault. */
final class TrafficWeights {

    static final int TOTAL = 100;
    static final int MAX_ALIASES = 10;

    private TrafficWeights() {
    }

    /**
     * @param aliases the model's aliases now
     * @return what is wrong, empty when the weights may be set
     */
    static List<FieldError> problems(Map<String, Integer> weights, Set<String> aliases) {
        List<FieldError> problems = new ArrayList<>();
        if (weights == null || weights.isEmpty()) {
            problems.add(FieldError.field("weights", "name at least one alias and its weight"));
            return problems;
        }
        if (weights.size() > MAX_ALIASES) {
            problems.add(FieldError.field("weights", "at most " + MAX_ALIASES + " aliases may share the traffic"));
        }
        int sum = 0;
        for (Map.Entry<String, Integer> weight : weights.entrySet()) {
            String field = "weights." + weight.getKey();
            if (!aliases.contains(weight.getKey())) {
                problems.add(FieldError.field(field, "the model has no alias '" + weight.getKey() + "'"));
            }
            if (weight.getValue() == null || weight.getValue() < 0 || weight.getValue() > TOTAL) {
                problems.add(FieldError.field(field, "must be a whole number from 0 to " + TOTAL));
            } else {
                sum += weight.getValue();
            }
        }
        if (problems.isEmpty() && sum != TOTAL) {
            problems.add(FieldError.field("weights", "must add up to " + TOTAL + " (they add up to " + sum + ")"));
        }
        return problems;
    }
}
