package dev.modelyard.registry.artifact;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

@ApplicationScoped
public class ArtifactRepository implements PanacheRepositoryBase<Artifact, String> {

    /**
     * Records the tenant's claim unless it already has one; two uploads of the same bytes may race.
     * ({@code {h-schema}}: native SQL gets the service's schema only through this placeholder.)
     */
    public void claim(String tenant, String sha256, long size, Instant now) {
        getEntityManager().createNativeQuery("""
                insert into {h-schema}artifact (tenant_id, sha256, size, created_at) values (:tenant, :sha256, :size, :now)
                on conflict (tenant_id, sha256) do nothing""")
                .setParameter("tenant", tenant)
                .setParameter("sha256", sha256)
                .setParameter("size", size)
                .setParameter("now", now)
                .executeUpdate();
    }
}
