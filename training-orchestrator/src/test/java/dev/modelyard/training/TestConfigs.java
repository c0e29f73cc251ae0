package dev.modelyard.training;

import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;

/** The orchestrator's configuration as the application would read it: its defaults, with the given values on top. */
public final class TestConfigs {

    private TestConfigs() {
    }

    /** @param values properties without the {@code modelyard.training.} prefix */
    public static TrainingConfig training(Map<String, String> values) {
        Map<String, String> prefixed = new java.util.HashMap<>();
        values.forEach((key, value) -> prefixed.put("modelyard.training." + key, value));
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(TrainingConfig.class)
                .withDefaultValues(prefixed)
                .build();
        return config.getConfigMapping(TrainingConfig.class);
    }
}
