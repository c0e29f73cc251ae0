package dev.modelyard.registry.alias;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/** One move of an alias: set (created or moved) or deleted. Never changed once written. */
@Entity
@Table(name = "alias_event")
public class AliasEvent {

    public static final String SET = "set";
    public static final String DELETE = "delete";

    /** Database-assigned and increasing, so it orders the history even within one millisecond. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "model_id", nullable = false, updatable = false)
    public String modelId;

    @Column(nullable = false, updatable = false)
    public String alias;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(name = "from_version", updatable = false)
    public Integer fromVersion;

    @Column(name = "to_version", updatable = false)
    public Integer toVersion;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;
}
