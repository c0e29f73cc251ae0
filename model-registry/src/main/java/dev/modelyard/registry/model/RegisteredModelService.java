package dev.modelyard.registry.model;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.page.KeysetPages;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.common.time.DatabaseTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;

/** Registered models of the caller's tenant; the tenant filter comes from the data layer, never from here. */
@ApplicationScoped
public class RegisteredModelService {

    private final RegisteredModelRepository models;

    public RegisteredModelService(RegisteredModelRepository models) {
        this.models = models;
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
        return ModelView.of(require(name));
    }

    @Transactional
    public ModelView update(String name, ModelRequests.Update request) {
        RegisteredModel model = require(name);
        if (request.description() != null) {
            model.description = request.description();
        }
        if (request.tags() != null) {
            model.tags = new HashMap<>(request.tags());
        }
        model.updatedAt = DatabaseTime.now();
        return ModelView.of(model);
    }

    @Transactional
    public void delete(String name) {
        models.delete(require(name));
    }

    private RegisteredModel require(String name) {
        return models.findByName(name).orElseThrow(() -> PlatformException.notFound("Model", name));
    }
}
