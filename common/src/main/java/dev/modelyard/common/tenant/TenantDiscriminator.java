package dev.modelyard.common.tenant;

import io.quarkus.hibernate.orm.PersistenceUnitExtension;
import io.quarkus.hibernate.orm.runtime.tenant.TenantResolver;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The ORM half of tenant isolation: Hibernate adds {@code tenant_id = ?} to every query on an entity
 * with {@code @TenantId} and fills it on insert. An empty tenant matches no row.
 */
@PersistenceUnitExtension
@ApplicationScoped
public class TenantDiscriminator implements TenantResolver {

    @Override
    public String getDefaultTenantId() {
        return "";
    }

    @Override
    public String resolveTenantId() {
        return TenantContext.currentOrNone();
    }
}
