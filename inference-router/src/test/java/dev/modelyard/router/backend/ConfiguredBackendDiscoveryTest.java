package dev.modelyard.router.backend;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.router.RouterConfig;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.quarkus.runtime.configuration.DurationConverter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfiguredBackendDiscoveryTest {

    @Test
    void theConfiguredServersByDefault() {
        assertThat(discovery(Map.of("modelyard.router.model-servers", "triton-0:8001,triton-1:8001")).targets())
                .containsExactly("triton-0:8001", "triton-1:8001");
    }

    @Test
    void noneOfItsOwnWhenPlacementsNameEveryBackend() {
        assertThat(discovery(Map.of("modelyard.router.backend-discovery", "placements")).targets()).isEmpty();
    }

    private static ConfiguredBackendDiscovery discovery(Map<String, String> settings) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RouterConfig.class).withMapping(BackendDiscoveryConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(settings, "test", 400))
                .withValidateUnknown(false)
                .build();
        return new ConfiguredBackendDiscovery(config.getConfigMapping(RouterConfig.class),
                config.getConfigMapping(BackendDiscoveryConfig.class));
    }
}
