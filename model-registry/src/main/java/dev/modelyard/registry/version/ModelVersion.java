package dev.modelyard.registry.version;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** One registered, immutable state of a model: an artifact with its signature, metrics and lineage. */
@Entity
@Table(name = "model_version")
public class ModelVersion {

    @Id
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "model_id", nullable = false, updatable = false)
    public String modelId;

    @Column(nullable = false, updatable = false)
    public int version;

    @Column(name = "artifact_sha256", nullable = false, updatable = false)
    public String artifactSha256;

    @Column(name = "artifact_size", nullable = false, updatable = false)
    public long artifactSize;

    @Column(nullable = false, updatable = false)
    public String format;

    @Column(updatable = false)
    public String description;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Signature signature;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Map<String, Object> metrics = new HashMap<>();

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, updatable = false)
    public Lineage lineage;

    /** The only part of a version that changes after it is registered. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, String> tags = new HashMap<>();

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;
}
