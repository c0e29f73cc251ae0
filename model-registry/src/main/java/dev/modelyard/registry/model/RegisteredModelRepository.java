package dev.modelyard.registry.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

@ApplicationScoped
public class RegisteredModelRepository implements PanacheRepositoryBase<RegisteredModel, String> {

    public Optional<RegisteredModel> findByName(String name) {
        return find("name", name).firstResultOptional();
    }
}
