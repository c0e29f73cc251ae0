package dev.modelyard.router.routing;

import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;

/** {@link RoutingConfig} with its defaults and the given overrides, for tests that run without Quarkus. */
public final class RoutingConfigs {

    private RoutingConfigs() {
    }

    public static RoutingConfig of(Map<String, String> overrides) {
        return new SmallRyeConfigBuilder()
                .withMapping(RoutingConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withConverter(MemorySize.class, 100, new MemorySizeConverter())
                .withSources(new PropertiesConfigSource(overrides, "test", 400))
                .build()
                .getConfigMapping(RoutingConfig.class);
    }
}
