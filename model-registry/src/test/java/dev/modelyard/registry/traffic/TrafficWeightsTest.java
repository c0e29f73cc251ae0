package dev.modelyard.registry.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.common.error.FieldError;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TrafficWeightsTest {

    private static final Set<String> ALIASES = Set.of("production", "candidate", "staging");

    @Test
    void weightsOverExistingAliasesAddingUpToAHundredAreFine() {
        assertThat(TrafficWeights.problems(Map.of("production", 90, "candidate", 10), ALIASES)).isEmpty();
        assertThat(TrafficWeights.problems(Map.of("production", 100, "candidate", 0), ALIASES)).isEmpty();
    }

    @Test
    void namesTheFieldAtFault() {
        assertThat(TrafficWeights.problems(Map.of(), ALIASES)).extracting(FieldError::field).containsExactly("weights");
        assertThat(TrafficWeights.problems(null, ALIASES)).extracting(FieldError::field).containsExactly("weights");
        assertThat(TrafficWeights.problems(Map.of("production", 90, "canary", 10), ALIASES))
                .extracting(FieldError::field).containsExactly("weights.canary");
        Map<String, Integer> negative = new HashMap<>(Map.of("production", 110));
        negative.put("candidate", -10);
        assertThat(TrafficWeights.problems(negative, ALIASES)).extracting(FieldError::field)
                .containsExactlyInAnyOrder("weights.production", "weights.candidate");
        Map<String, Integer> missing = new HashMap<>();
        missing.put("production", null);
        assertThat(TrafficWeights.problems(missing, ALIASES)).extracting(FieldError::field)
                .containsExactly("weights.production");
        assertThat(TrafficWeights.problems(Map.of("production", 90, "candidate", 5), ALIASES))
                .singleElement().satisfies(error -> {
                    assertThat(error.field()).isEqualTo("weights");
                    assertThat(error.message()).contains("add up to 95");
                });
    }

    @Test
    void atMostTenAliasesShareTheTraffic() {
        Map<String, Integer> many = new HashMap<>();
        IntStream.range(0, 11).forEach(i -> many.put("a" + i, i == 0 ? 90 : 1));
        assertThat(TrafficWeights.problems(many, many.keySet())).extracting(FieldError::field).containsExactly("weights");
    }
}
