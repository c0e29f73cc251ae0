package dev.modelyard.training.executor;

import dev.modelyard.training.TrainingConfig;
import dev.modelyard.training.kubernetes.KubernetesExecutor;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import java.nio.file.Path;
import java.time.Clock;

/** The executor {@code modelyard.training.executor} names; the Kubernetes client is only created when it is needed. */
@ApplicationScoped
class TrainerExecutors {

    @Produces
    @ApplicationScoped
    TrainerExecutor executor(TrainingConfig config, Instance<KubernetesClient> kubernetes) {
        return switch (config.executor()) {
            case LOCAL -> new LocalProcessExecutor(config);
            case KUBERNETES -> new KubernetesExecutor(kubernetes.get(), config.kubernetes(), Path.of(config.workDir()),
                    Clock.systemUTC());
        };
    }

    /** The Kubernetes executor's informers stop with the application. */
    void close(@Disposes TrainerExecutor executor) throws Exception {
        if (executor instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
