package dev.modelyard.registry.deploy;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.registry.RegistryConfig;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes the model repository and every model server serve what a {@link ServingPlan} says, or nothing
 * changes: when a server refuses, the repository gets its previous config back, the servers already told
 * are told again, and the caller gets a 503.
 */
@ApplicationScoped
public class ModelDeployer {

    private static final Logger LOG = Logger.getLogger(ModelDeployer.class);

    private final TritonModelRepository repository;
    private final ModelServers servers;
    private final RegistryConfig config;

    public ModelDeployer(TritonModelRepository repository, ModelServers servers, RegistryConfig config) {
        this.repository = repository;
        this.servers = servers;
        this.config = config;
    }

    public void apply(ServingPlan plan) {
        String servingName = plan.servingName();
        boolean serve = !plan.versions().isEmpty();
        Optional<String> previousConfig = repository.config(servingName);
        Set<Integer> added = serve
                ? repository.publish(TritonConfigs.build(plan, config.maxBatchSize()), plan.versions())
                : Set.of();
        List<String> told = new ArrayList<>();
        for (String target : servers.targets()) {
            try {
                tell(target, servingName, serve);
                told.add(target);
            } catch (StatusRuntimeException e) {
                if (serve) {
                    repository.restore(servingName, previousConfig, added);
                }
                told.forEach(t -> revert(t, servingName, previousConfig.isPresent()));
                throw new PlatformException(503, "deploy-failed", "Deploy failed", "Model server " + target
                        + " could not " + (serve ? "load" : "unload") + " '" + plan.modelName() + "' (" + servingName
                        + "): " + e.getStatus().getCode() + describe(e));
            }
        }
        if (serve) {
            repository.prune(servingName, plan.versions().stream().map(ServingPlan.ServedVersion::version)
                    .collect(Collectors.toSet()));
        } else {
            repository.remove(servingName);
        }
    }

    /** The versions of a model the repository currently serves. */
    public Set<Integer> publishedVersions(String servingName) {
        return repository.publishedVersions(servingName);
    }

    /** Best effort: the deploy has failed already, and this server only needs to match the repository again. */
    private void revert(String target, String servingName, boolean wasServed) {
        try {
            tell(target, servingName, wasServed);
        } catch (StatusRuntimeException e) {
            LOG.warnf("Model server %s could not be brought back for %s: %s", target, servingName, e.getStatus());
        }
    }

    private void tell(String target, String servingName, boolean serve) {
        if (serve) {
            servers.load(target, servingName);
        } else {
            servers.unload(target, servingName);
        }
    }

    private static String describe(StatusRuntimeException e) {
        return e.getStatus().getDescription() == null ? "" : " " + e.getStatus().getDescription();
    }
}
