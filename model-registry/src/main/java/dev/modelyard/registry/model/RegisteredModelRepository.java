package dev.modelyard.registry.model;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RegisteredModelRepository implements PanacheRepositoryBase<RegisteredModel, String> {

    public Optional<RegisteredModel> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** Newest first; {@code after} is the id of the last model of the previous page. */
    public List<RegisteredModel> page(String after, int size) {
        return after == null
                ? find("order by id desc").page(0, size).list()
                : find("id < ?1 order by id desc", after).page(0, size).list();
    }
}
