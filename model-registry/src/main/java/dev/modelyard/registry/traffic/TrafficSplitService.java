package dev.modelyard.registry.traffic;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.tenant.TenantContext;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.registry.alias.AliasMovedNotifier;
import dev.modelyard.registry.alias.ModelAliasRepository;
import dev.modelyard.registry.model.ModelEvent;
import dev.modelyard.registry.model.RegisteredModel;
import dev.modelyard.registry.model.RegisteredModelRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Traffic splits and their history. A change takes the model's row lock (as alias moves do), is numbered by
 * the next revision, and tells the routers through the alias-moved notification so they resolve afresh.
 */
@ApplicationScoped
public class TrafficSplitService {

    private final RegisteredModelRepository models;
    private final ModelAliasRepository aliases;
    private final TrafficSplitRepository splits;
    private final TrafficSplitEventRepository events;
    private final AliasMovedNotifier notifier;
    private final TenantContext tenantContext;

    public TrafficSplitService(RegisteredModelRepository models, ModelAliasRepository aliases,
                               TrafficSplitRepository splits, TrafficSplitEventRepository events,
                               AliasMovedNotifier notifier, TenantContext tenantContext) {
        this.models = models;
        this.aliases = aliases;
        this.splits = splits;
        this.events = events;
        this.notifier = notifier;
        this.tenantContext = tenantContext;
    }

    @Transactional
    public TrafficSplitView get(String modelName) {
        RegisteredModel model = models.require(modelName);
        return TrafficSplitView.of(require(model), model.name);
    }

    @Transactional
    public TrafficSplitView set(String modelName, Map<String, Integer> weights) {
        RegisteredModel model = models.requireLocked(modelName);
        List<FieldError> problems = TrafficWeights.problems(weights, new HashSet<>(aliases.namesOf(model.id)));
        if (!problems.isEmpty()) {
            throw PlatformException.badRequest("The traffic split of '" + model.name + "' is not valid",
                    problems.toArray(FieldError[]::new));
        }
        TrafficSplit split = splits.of(model.id).orElseGet(() -> {
            TrafficSplit created = new TrafficSplit();
            created.modelId = model.id;
            return created;
        });
        split.weights = new TreeMap<>(weights);
        split.revision = events.nextRevision(model.id);
        split.updatedAt = DatabaseTime.now();
        split.updatedBy = tenantContext.caller().subject();
        splits.persist(split);
        record(model, split.revision, ModelEvent.SET, split.weights);
        return TrafficSplitView.of(split, model.name);
    }

    @Transactional
    public void delete(String modelName) {
        RegisteredModel model = models.requireLocked(modelName);
        TrafficSplit split = require(model);
        splits.delete(split);
        record(model, events.nextRevision(model.id), ModelEvent.DELETE, null);
    }

    /** Every revision of the model's split, newest first; the history outlives the split. */
    @Transactional
    public ListPage<TrafficSplitEventView> history(String modelName, PageRequest page) {
        RegisteredModel model = models.require(modelName);
        List<TrafficSplitEvent> rows = events.page(model.id, page, afterRevision(page));
        if (rows.isEmpty() && page.after() == null) {
            throw PlatformException.notFound("Traffic split", model.name);
        }
        return ListPage.of(rows, page.limit(), TrafficSplitEventView::of, e -> Integer.toString(e.revision));
    }

    private TrafficSplit require(RegisteredModel model) {
        return splits.of(model.id).orElseThrow(() -> PlatformException.notFound("Traffic split", model.name));
    }

    private void record(RegisteredModel model, int revision, String action, Map<String, Integer> weights) {
        TrafficSplitEvent event = new TrafficSplitEvent();
        event.modelId = model.id;
        event.revision = revision;
        event.action = action;
        event.weights = weights;
        event.actor = tenantContext.caller().subject();
        event.occurredAt = DatabaseTime.now();
        events.persist(event);
        notifier.aliasMoved(tenantContext.tenant(), model.name);
    }

    private static Integer afterRevision(PageRequest page) {
        if (page.after() == null) {
            return null;
        }
        try {
            return Integer.parseInt(page.after());
        } catch (NumberFormatException e) {
            throw PlatformException.badRequest("after must be a revision",
                    FieldError.field("after", "must be the last_id of a previous page"));
        }
    }
}
