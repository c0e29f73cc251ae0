package dev.modelyard.privacy.policy;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/** An anonymization policy of a tenant; what it says is in its versions, the latest of which is {@code latestVersion}. */
@Entity
@Table(name = "anonymization_policy")
public class Policy {

    @Id
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    /** The latest version's name, kept here for lists. */
    @Column(nullable = false)
    public String name;

    @Column(name = "latest_version", nullable = false)
    public int latestVersion;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
