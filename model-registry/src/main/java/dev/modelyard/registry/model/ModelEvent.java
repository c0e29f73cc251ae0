package dev.modelyard.registry.model;

import jakarta.persistence.Column;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/** What every entry of a model's histories (alias moves, traffic split revisions) records. Never changed once written. */
@MappedSuperclass
public abstract class ModelEvent {

    public static final String SET = "set";
    public static final String DELETE = "delete";

    /** Database-assigned and increasing, so it orders a history even within one millisecond. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "model_id", nullable = false, updatable = false)
    public String modelId;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(name = "occurred_at", nullable = false, updatable = false)
    public Instant occurredAt;
}
