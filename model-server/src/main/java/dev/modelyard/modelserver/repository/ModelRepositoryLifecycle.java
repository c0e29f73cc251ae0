package dev.modelyard.modelserver.repository;

import ai.onnxruntime.OrtEnvironment;
import dev.modelyard.modelserver.ModelServerConfig;
import dev.modelyard.modelserver.ModelServerConfig.ModelControlMode;
import dev.modelyard.modelserver.ServerMetadata;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.nio.file.Files;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the model repository from the configuration, loads every model at start-up in model control mode
 * "none" and closes the sessions at shutdown.
 */
@ApplicationScoped
class ModelRepositoryLifecycle {

    @Produces
    @Singleton
    ModelRepository modelRepository(ModelServerConfig config) {
        return new ModelRepository(config.repository(), OrtEnvironment.getEnvironment(), config.intraOpThreads());
    }

    @Produces
    @Singleton
    ServerMetadata serverMetadata(@ConfigProperty(name = "quarkus.application.version") String version) {
        return new ServerMetadata(ServerMetadata.NAME, version, ServerMetadata.EXTENSIONS);
    }

    /** Creates the repository folder when missing, so the registry can publish into it and readiness holds. */
    void loadAtStartup(@Observes StartupEvent started, ModelServerConfig config, ModelRepository repository)
            throws IOException {
        Files.createDirectories(config.repository());
        if (config.modelControlMode() == ModelControlMode.NONE) {
            repository.loadAll();
        }
    }

    void close(@Disposes ModelRepository repository) {
        repository.close();
    }
}
