package dev.modelyard.registry.version;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.registry.model.RegisteredModel;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ModelVersionRepository implements PanacheRepositoryBase<ModelVersion, String> {

    public Optional<ModelVersion> find(String modelId, int version) {
        return find("modelId = ?1 and version = ?2", modelId, version).firstResultOptional();
    }

    public ModelVersion require(RegisteredModel model, int version) {
        return find(model.id, version).orElseThrow(() -> PlatformException.notFound("Version", model.name + "@" + version));
    }

    public List<ModelVersion> findAll(String modelId, Collection<Integer> versions) {
        return list("modelId = ?1 and version in ?2 order by version", modelId, versions);
    }

    /** The next number; gap-free because callers hold the model's lock until they commit. */
    int nextNumber(String modelId) {
        Integer last = getEntityManager()
                .createQuery("select max(v.version) from ModelVersion v where v.modelId = :model", Integer.class)
                .setParameter("model", modelId)
                .getSingleResult();
        return last == null ? 1 : last + 1;
    }

    /** Newest first; {@code after} is the id of the last version of the previous page. */
    List<ModelVersion> page(String modelId, PageRequest page) {
        var query = page.after() == null
                ? find("modelId = ?1 order by version desc", modelId)
                : find("modelId = ?1 and version < (select v.version from ModelVersion v where v.id = ?2) "
                        + "order by version desc", modelId, page.after());
        return query.range(0, page.fetchSize() - 1).list();
    }
}
