package dev.modelyard.registry.artifact;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/**
 * A tenant's claim on a blob in the {@code BlobStore}. The table's key is (tenant, digest); within one
 * tenant, which is all a request ever sees, the digest alone identifies it.
 */
@Entity
@Table(name = "artifact")
public class Artifact {

    @Id
    public String sha256;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public long size;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
