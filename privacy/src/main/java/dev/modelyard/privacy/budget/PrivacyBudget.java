package dev.modelyard.privacy.budget;

import dev.modelyard.common.id.Ids;
import dev.modelyard.common.time.DatabaseTime;
import jakarta.persistence.AttributeOverride;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/** The epsilon and delta a file, or with no file the whole tenant, may still spend. */
@Entity
@Table(name = "privacy_budget")
public class PrivacyBudget {

    @Id
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    /** The file this budget guards; null for the tenant's budget. */
    @Column(name = "file_id", updatable = false)
    public String fileId;

    @Embedded
    @AttributeOverride(name = "total", column = @Column(name = "epsilon_total"))
    @AttributeOverride(name = "spent", column = @Column(name = "epsilon_spent"))
    @AttributeOverride(name = "reserved", column = @Column(name = "epsilon_reserved"))
    public Allowance epsilon;

    @Embedded
    @AttributeOverride(name = "total", column = @Column(name = "delta_total"))
    @AttributeOverride(name = "spent", column = @Column(name = "delta_spent"))
    @AttributeOverride(name = "reserved", column = @Column(name = "delta_reserved"))
    public Allowance delta;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** A budget nothing has touched yet, with its starting limits: what it is until its first change stores it. */
    static PrivacyBudget fresh(String tenantId, String fileId, PrivacyAmount limits) {
        PrivacyBudget budget = new PrivacyBudget();
        budget.id = Ids.next("pbudget");
        budget.tenantId = tenantId;
        budget.fileId = fileId;
        budget.epsilon = Allowance.of(limits.epsilon());
        budget.delta = Allowance.of(limits.delta());
        budget.updatedAt = DatabaseTime.now();
        return budget;
    }

    boolean covers(PrivacyAmount amounts) {
        return epsilon.covers(amounts.epsilon()) && delta.covers(amounts.delta());
    }

    void reserve(PrivacyAmount amounts) {
        epsilon.reserve(amounts.epsilon());
        delta.reserve(amounts.delta());
        updatedAt = DatabaseTime.now();
    }

    void settle(PrivacyAmount held, PrivacyAmount used) {
        epsilon.settle(held.epsilon(), used.epsilon());
        delta.settle(held.delta(), used.delta());
        updatedAt = DatabaseTime.now();
    }

    /** Whether the totals could become {@code limits} without falling below what is spent or held. */
    boolean canLimitTo(PrivacyAmount limits) {
        return limits.epsilon().compareTo(epsilon.committed()) >= 0 && limits.delta().compareTo(delta.committed()) >= 0;
    }

    void limitTo(PrivacyAmount limits) {
        epsilon.total = limits.epsilon();
        delta.total = limits.delta();
        updatedAt = DatabaseTime.now();
    }
}
