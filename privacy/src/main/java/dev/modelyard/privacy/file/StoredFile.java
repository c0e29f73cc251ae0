package dev.modelyard.privacy.file;

import dev.modelyard.privacy.kanon.AnonymizationReport;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.annotations.TenantId;
import org.hibernate.type.SqlTypes;

/** An uploaded file of a tenant; its anonymized content is the blob named by {@code sha256}. */
@Entity
@Table(name = "file")
public class StoredFile {

    @Id
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(nullable = false)
    public String filename;

    @Column(nullable = false)
    public String purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public FileFormat format;

    @Column(nullable = false)
    public long bytes;

    @Column(nullable = false)
    public long rows;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> columns;

    @Column(nullable = false)
    public String sha256;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "pii_report", nullable = false)
    public PiiReport piiReport;

    /** The policy whose version anonymized the content: {@code default} or a tenant's {@code policy-…}. */
    @Column(name = "policy_id", nullable = false)
    public String policyId;

    @Column(name = "policy_version", nullable = false)
    public int policyVersion;

    /** Set on a file made by k-anonymizing another one; null otherwise. */
    @JdbcTypeCode(SqlTypes.JSON)
    public AnonymizationReport anonymization;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
