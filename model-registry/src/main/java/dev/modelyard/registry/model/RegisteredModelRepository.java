package dev.modelyard.registry.model;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.time.DatabaseTime;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Optional;

@ApplicationScoped
public class RegisteredModelRepository implements PanacheRepositoryBase<RegisteredModel, String> {

    public Optional<RegisteredModel> findByName(String name) {
        return find("name", name).firstResultOptional();
    }

    /** The model, or 404: another tenant's model looks exactly like a missing one. */
    public RegisteredModel require(String name) {
        return findByName(name).orElseThrow(() -> PlatformException.notFound("Model", name));
    }

    /**
     * The model, locked until the transaction ends, or 404: changes to its versions and aliases
     * (numbering, deploying) happen one at a time per model.
     */
    public RegisteredModel requireLocked(String name) {
        return find("name", name).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> PlatformException.notFound("Model", name));
    }

    /** Creates an empty model unless the tenant has one of that name; two requests may race to create it. */
    public void createIfAbsent(String tenant, String name) {
        Instant now = DatabaseTime.now();
        getEntityManager().createNativeQuery("""
                insert into {h-schema}registered_model (id, tenant_id, name, tags, created_at, updated_at)
                values (:id, :tenant, :name, '{}'::jsonb, :now, :now)
                on conflict (tenant_id, name) do nothing""")
                .setParameter("id", Ids.next("rm"))
                .setParameter("tenant", tenant)
                .setParameter("name", name)
                .setParameter("now", now)
                .executeUpdate();
    }
}
