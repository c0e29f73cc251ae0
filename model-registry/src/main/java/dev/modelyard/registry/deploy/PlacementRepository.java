package dev.modelyard.registry.deploy;

import dev.modelyard.common.time.DatabaseTime;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.util.Collection;
import java.util.List;

/** The {@code version_placement} rows of the caller's tenant (row-level security keeps them to it). */
@ApplicationScoped
public class PlacementRepository {

    private final EntityManager entities;

    public PlacementRepository(EntityManager entities) {
        this.entities = entities;
    }

    /** The model servers the version is placed on, in name order; empty when it is not placed. */
    @SuppressWarnings("unchecked")
    public List<String> backends(String modelId, int version) {
        return entities.createNativeQuery("""
                        select backend from {h-schema}version_placement
                        where model_id = :model and version = :version order by backend""")
                .setParameter("model", modelId).setParameter("version", version).getResultList();
    }

    /** Every model server some version of the model is placed on. */
    @SuppressWarnings("unchecked")
    public List<String> backendsOfModel(String modelId) {
        return entities.createNativeQuery("""
                        select distinct backend from {h-schema}version_placement where model_id = :model order by backend""")
                .setParameter("model", modelId).getResultList();
    }

    /** Replaces the model's placement: each version on each of the backends. */
    public void replace(String tenant, String modelId, Collection<Integer> versions, List<String> backends) {
        entities.createNativeQuery("delete from {h-schema}version_placement where model_id = :model")
                .setParameter("model", modelId).executeUpdate();
        for (int version : versions) {
            for (String backend : backends) {
                entities.createNativeQuery("""
                                insert into {h-schema}version_placement (tenant_id, model_id, version, backend, placed_at)
                                values (:tenant, :model, :version, :backend, :now)""")
                        .setParameter("tenant", tenant).setParameter("model", modelId)
                        .setParameter("version", version).setParameter("backend", backend)
                        .setParameter("now", DatabaseTime.now())
                        .executeUpdate();
            }
        }
    }
}
