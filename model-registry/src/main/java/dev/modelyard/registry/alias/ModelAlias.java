package dev.modelyard.registry.alias;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/** A movable name for one version of a model ({@code production}, {@code staging}); what gets deployed. */
@Entity
@Table(name = "model_alias")
public class ModelAlias {

    @Id
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "model_id", nullable = false, updatable = false)
    public String modelId;

    @Column(nullable = false, updatable = false)
    public String alias;

    @Column(nullable = false)
    public int version;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "updated_by", nullable = false)
    public String updatedBy;
}
