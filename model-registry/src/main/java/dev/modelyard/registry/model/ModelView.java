package dev.modelyard.registry.model;

import java.util.Map;

/** A registered model as the API shows it. */
public record ModelView(String id, String object, String name, String description, Map<String, String> tags,
                        long createdAt, long updatedAt) {

    static ModelView of(RegisteredModel model) {
        return new ModelView(model.id, "registered_model", model.name, model.description, model.tags,
                model.createdAt.getEpochSecond(), model.updatedAt.getEpochSecond());
    }
}
