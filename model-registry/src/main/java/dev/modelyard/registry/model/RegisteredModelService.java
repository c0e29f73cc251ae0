package dev.modelyard.registry.model;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.page.KeysetPages;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.time.DatabaseTime;
import dev.modelyard.registry.alias.ModelAliasRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.List;

/** Registered models of the caller's tenant; the tenant filter comes from the data layer, never from here. */
@ApplicationScoped
public class RegisteredModelService {

    private final RegisteredModelRepository models;
    private final ModelAliasRepository aliases;

    public RegisteredModelService(RegisteredModelRepository models, ModelAliasRepository aliases) {
        this.models = models;
        this.aliases = aliases;
    }

    @Transactional
    public ModelView create(ModelRequests.Create request) {
        if (models.findByName(request.name()).isPresent()) {
            throw PlatformException.conflict("A model named '" + request.name() + "' already exists");
        }
        RegisteredModel model = new RegisteredModel();
        model.id = Ids.next("rm");
        model.name = request.name();
        model.description = request.description();
        model.tags = request.tags() == null ? new HashMap<>() : new HashMap<>(request.tags());
        model.createdAt = DatabaseTime.now();
        model.updatedAt = model.createdAt;
        models.persist(model);
        return ModelView.of(model);
    }

    @Transactional
    public ListPage<ModelView> list(PageRequest page) {
        return ListPage.of(KeysetPages.newestFirst(models.getEntityManager(), RegisteredModel.class, page), page.limit(),
                ModelView::of, m -> m.id);
    }

    @Transactional
    public ModelView get(String name) {
        return ModelView.of(models.require(name));
    }

    @Transactional
    public ModelView update(String name, ModelRequests.Update request) {
        RegisteredModel model = models.require(name);
        if (request.description() != null) {
            model.description = request.description();
        }
        if (request.tags() != null) {
            model.tags = new HashMap<>(request.tags());
        }
        model.updatedAt = DatabaseTime.now();
        return ModelView.of(model);
    }

    /** A model with aliases is being served: its aliases go first, which withdraws it from the model servers. */
    @Transactional
    public void delete(String name) {
        RegisteredModel model = models.requireLocked(name);
        List<String> aliasNames = aliases.namesOf(model.id);
        if (!aliasNames.isEmpty()) {
            throw PlatformException.conflict("Model '" + name + "' still has aliases " + aliasNames
                    + "; delete them first");
        }
        models.delete(model);
    }
}
