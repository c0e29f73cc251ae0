package dev.modelyard.registry.deploy;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.registry.RegistryConfig;
import dev.modelyard.registry.alias.AliasMovedNotifier;
import dev.modelyard.registry.alias.ModelAliasRepository;
import dev.modelyard.registry.model.RegisteredModel;
import dev.modelyard.registry.model.RegisteredModelRepository;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Makes the model repository and the model servers the model is placed on ({@link Placement}) serve what a
 * {@link ServingPlan} says, or nothing changes: when a server refuses, the repository gets its previous
 * config back, the servers already told are told again, and the caller gets a 503. On success the placement
 * is recorded for the serving resolution, and servers the model was placed on before but is not any more
 * are told to unload it. When the model servers themselves change, {@link #follow} moves a deployed model to
 * where it now belongs.
 */
@ApplicationScoped
public class ModelDeployer {

    private static final Logger LOG = Logger.getLogger(ModelDeployer.class);

    private final TritonModelRepository repository;
    private final ModelServers servers;
    private final RegistryConfig config;
    private final PlacementRepository placements;
    private final RegisteredModelRepository models;
    private final ModelAliasRepository aliases;
    private final AliasMovedNotifier notifier;

    public ModelDeployer(TritonModelRepository repository, ModelServers servers, RegistryConfig config,
                         PlacementRepository placements, RegisteredModelRepository models,
                         ModelAliasRepository aliases, AliasMovedNotifier notifier) {
        this.repository = repository;
        this.servers = servers;
        this.config = config;
        this.placements = placements;
        this.models = models;
        this.aliases = aliases;
        this.notifier = notifier;
    }

    public void apply(ServingPlan plan) {
        String servingName = plan.servingName();
        boolean serve = !plan.versions().isEmpty();
        Optional<String> previousConfig = repository.config(servingName);
        Set<Integer> added = serve
                ? repository.publish(TritonConfigs.build(plan, config.maxBatchSize(), config.dynamicBatchingDelayMicros()), plan.versions())
                : Set.of();
        List<String> placed = Placement.choose(servingName, servers.targets(), config.replicas());
        List<String> placedBefore = placements.backendsOfModel(servingName);
        List<String> told = new ArrayList<>();
        for (String target : placed) {
            try {
                tell(target, servingName, serve);
                told.add(target);
            } catch (StatusRuntimeException e) {
                if (serve) {
                    repository.restore(servingName, previousConfig, added);
                }
                told.forEach(t -> tellBestEffort(t, servingName, previousConfig.isPresent()));
                throw new PlatformException(503, "deploy-failed", "Deploy failed", "Model server " + target
                        + " could not " + (serve ? "load" : "unload") + " '" + plan.modelName() + "' (" + servingName
                        + "): " + e.getStatus().getCode() + describe(e));
            }
        }
        Set<Integer> served = plan.versions().stream().map(ServingPlan.ServedVersion::version)
                .collect(Collectors.toSet());
        if (serve) {
            repository.prune(servingName, served);
        } else {
            repository.remove(servingName);
        }
        placements.replace(plan.tenant(), servingName, served, serve ? placed : List.of());
        placedBefore.stream().filter(target -> !placed.contains(target) && servers.targets().contains(target))
                .forEach(target -> tellBestEffort(target, servingName, false));
    }

    /**
     * Places a deployed model of the caller's tenant on {@code targets} as {@link Placement} now chooses: loads it
     * where it is new (and on {@code returned} servers, which start empty), records the placement and tells the
     * routers (the alias-moved notification, so their cached resolutions go), then unloads it where it moved away.
     * The model's lock keeps this and alias moves apart. A server that fails to load it is left out and the
     * model's former servers keep it meanwhile; the next pass tries again.
     *
     * @return whether every load succeeded
     */
    @Transactional
    public boolean follow(String modelName, List<String> targets, Set<String> returned) {
        RegisteredModel model = models.requireLocked(modelName);
        Set<Integer> served = aliases.listOf(model.id).stream().map(alias -> alias.version)
                .collect(Collectors.toCollection(TreeSet::new));
        if (served.isEmpty()) {
            return true;
        }
        List<String> recorded = placements.backendsOfModel(model.id);
        PlacementChange change = PlacementChange.of(model.id, targets, config.replicas(), recorded, returned);
        if (change.isNone(recorded)) {
            return true;
        }
        Set<String> failed = new HashSet<>();
        for (String target : change.load()) {
            try {
                servers.load(target, model.id);
            } catch (StatusRuntimeException e) {
                failed.add(target);
                LOG.warnf("Model server %s could not load %s (%s of tenant %s): %s%s; trying again on the next pass",
                        target, model.id, model.name, model.tenantId, e.getStatus().getCode(), describe(e));
            }
        }
        PlacementChange.Outcome outcome = change.settle(failed);
        if (!Set.copyOf(outcome.placement()).equals(Set.copyOf(recorded))) {
            placements.replace(model.tenantId, model.id, served, outcome.placement());
            notifier.aliasMoved(model.tenantId, model.name);
            LOG.infof("%s (%s of tenant %s) placed on %s (was %s)", model.id, model.name, model.tenantId,
                    outcome.placement(), recorded);
        }
        outcome.unload().forEach(target -> tellBestEffort(target, model.id, false));
        return failed.isEmpty();
    }

    /** The versions of a model the repository currently serves. */
    public Set<Integer> publishedVersions(String servingName) {
        return repository.publishedVersions(servingName);
    }

    /**
     * Best effort, where the outcome no longer decides the deploy: a server brought back in line with the
     * repository after a failed deploy, or told to unload a model no longer placed on it.
     */
    private void tellBestEffort(String target, String servingName, boolean serve) {
        try {
            tell(target, servingName, serve);
        } catch (StatusRuntimeException e) {
            LOG.warnf("Model server %s could not be told to %s %s: %s", target, serve ? "load" : "unload",
                    servingName, e.getStatus());
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
