package dev.modelyard.modelserver.health;

import dev.modelyard.modelserver.ModelServerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.file.Files;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready once the model repository folder exists: the registry publishes there before asking for loads. */
@Readiness
@ApplicationScoped
public class ModelRepositoryHealthCheck implements HealthCheck {

    @Inject
    ModelServerConfig config;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("model-repository")
                .status(Files.isDirectory(config.repository()))
                .withData("path", config.repository().toString())
                .build();
    }
}
