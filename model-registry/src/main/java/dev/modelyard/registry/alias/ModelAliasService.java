package dev.modelyard.registry.alias;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.registry.deploy.ModelDeployer;
import dev.modelyard.registry.deploy.ServingPlan;
import dev.modelyard.registry.model.ModelEvent;
import dev.modelyard.registry.model.RegisteredModel;
import dev.modelyard.registry.model.RegisteredModelRepository;
import dev.modelyard.registry.traffic.TrafficSplitRepository;
import dev.modelyard.registry.version.ModelVersionRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Aliases and their history. Every change redeploys the model first and is recorded only when the deploy
 * succeeded; the model's row lock keeps changes to one model in order.
 */
@ApplicationScoped
public class ModelAliasService {

    private final RegisteredModelRepository models;
    private final ModelVersionRepository versions;
    private final ModelAliasRepository aliases;
    private final AliasEventRepository events;
    private final ModelDeployer deployer;
    private final AliasMovedNotifier notifier;
    private final TenantContext tenantContext;
    private final TrafficSplitRepository splits;

    public ModelAliasService(RegisteredModelRepository models, ModelVersionRepository versions,
                             ModelAliasRepository aliases, AliasEventRepository events, ModelDeployer deployer,
                             AliasMovedNotifier notifier, TenantContext tenantContext, TrafficSplitRepository splits) {
        this.models = models;
        this.versions = versions;
        this.aliases = aliases;
        this.events = events;
        this.deployer = deployer;
        this.notifier = notifier;
        this.tenantContext = tenantContext;
        this.splits = splits;
    }

    @Transactional
    public ListPage<AliasView> list(String modelName) {
        RegisteredModel model = models.require(modelName);
        Set<Integer> published = deployer.publishedVersions(model.id);
        List<ModelAlias> all = aliases.listOf(model.id);
        return ListPage.of(all, all.size(), a -> AliasView.of(a, model.name, published.contains(a.version)),
                a -> a.alias);
    }

    @Transactional
    public AliasView set(String modelName, String aliasName, int version) {
        RegisteredModel model = models.requireLocked(modelName);
        if (versions.find(model.id, version).isEmpty()) {
            throw PlatformException.badRequest("Unknown version",
                    FieldError.field("version", "'" + model.name + "' has no version " + version));
        }
        ModelAlias alias = aliases.find(model.id, aliasName).orElse(null);
        if (alias != null && alias.version == version) {
            return view(model, alias);
        }
        Map<String, Integer> after = pointers(model);
        after.put(aliasName, version);
        deployer.apply(plan(model, after));

        Integer from = alias == null ? null : alias.version;
        if (alias == null) {
            alias = new ModelAlias();
            alias.id = Ids.next("alias");
            alias.modelId = model.id;
            alias.alias = aliasName;
        }
        alias.version = version;
        alias.updatedAt = DatabaseTime.now();
        alias.updatedBy = tenantContext.caller().subject();
        aliases.persist(alias);
        recordMove(model, aliasName, ModelEvent.SET, from, version, alias.updatedAt);
        return view(model, alias);
    }

    @Transactional
    public void delete(String modelName, String aliasName) {
        RegisteredModel model = models.requireLocked(modelName);
        ModelAlias alias = aliases.find(model.id, aliasName)
                .orElseThrow(() -> PlatformException.notFound("Alias", model.name + "@" + aliasName));
        if (splits.of(model.id).filter(split -> split.weights.containsKey(aliasName)).isPresent()) {
            throw new PlatformException(409, "alias-in-traffic-split", "Alias in traffic split", "'" + model.name
                    + "@" + aliasName + "' takes a share of the model's traffic; change or delete the split first");
        }
        Map<String, Integer> after = pointers(model);
        after.remove(aliasName);
        deployer.apply(plan(model, after));
        aliases.delete(alias);
        recordMove(model, aliasName, ModelEvent.DELETE, alias.version, null, DatabaseTime.now());
    }

    /** Every move of the alias, newest first; the history outlives the alias. */
    @Transactional
    public ListPage<AliasEventView> history(String modelName, String aliasName, PageRequest page) {
        RegisteredModel model = models.require(modelName);
        List<AliasEvent> rows = events.page(model.id, aliasName, page);
        if (rows.isEmpty() && page.after() == null) {
            throw PlatformException.notFound("Alias", model.name + "@" + aliasName);
        }
        return ListPage.of(rows, page.limit(), AliasEventView::of, e -> e.id.toString());
    }

    private Map<String, Integer> pointers(RegisteredModel model) {
        Map<String, Integer> pointers = new HashMap<>();
        aliases.listOf(model.id).forEach(a -> pointers.put(a.alias, a.version));
        return pointers;
    }

    private ServingPlan plan(RegisteredModel model, Map<String, Integer> pointers) {
        Set<Integer> numbers = new TreeSet<>(pointers.values());
        List<ServingPlan.ServedVersion> served = numbers.isEmpty() ? List.of()
                : versions.findAll(model.id, numbers).stream()
                        .map(v -> new ServingPlan.ServedVersion(v.version, v.artifactSha256, v.signature))
                        .toList();
        return new ServingPlan(model.id, tenantContext.tenant(), model.name, served);
    }

    private void recordMove(RegisteredModel model, String aliasName, String action, Integer from, Integer to,
                            Instant at) {
        Caller caller = tenantContext.caller();
        AliasEvent event = new AliasEvent();
        event.modelId = model.id;
        event.alias = aliasName;
        event.action = action;
        event.fromVersion = from;
        event.toVersion = to;
        event.actor = caller.subject();
        event.occurredAt = at;
        events.persist(event);
        notifier.aliasMoved(caller.tenant(), model.name);
    }

    private AliasView view(RegisteredModel model, ModelAlias alias) {
        return AliasView.of(alias, model.name, deployer.publishedVersions(model.id).contains(alias.version));
    }
}
