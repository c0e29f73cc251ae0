package dev.modelyard.privacy.budget;

import dev.modelyard.common.id.Ids;
import dev.modelyard.common.time.DatabaseTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/**
 * Budget held on a file for a computation until it reports what it spent (commit) or that it did not run
 * (refund), or until it expires unsettled and the sweeper gives the budget back (expired).
 */
@Entity
@Table(name = "privacy_budget_reservation")
public class BudgetReservation {

    public enum Status { RESERVED, COMMITTED, REFUNDED, EXPIRED }

    @Id
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "file_id", nullable = false, updatable = false)
    public String fileId;

    @Column(nullable = false, updatable = false)
    public BigDecimal epsilon;

    @Column(nullable = false, updatable = false)
    public BigDecimal delta;

    @Column(nullable = false, updatable = false)
    public String purpose;

    /** What the reserving service calls the computation, a fine-tuning job's id say. */
    @Column(updatable = false)
    public String reference;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Status status;

    @Column(name = "epsilon_spent")
    public BigDecimal epsilonSpent;

    @Column(name = "delta_spent")
    public BigDecimal deltaSpent;

    @Column(name = "created_by", nullable = false, updatable = false)
    public String createdBy;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "settled_at")
    public Instant settledAt;

    /** When an unsettled reservation stops holding its budget; extending it moves this. */
    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    static BudgetReservation of(String fileId, PrivacyAmount amount, String purpose, String reference, String subject,
                                Duration ttl) {
        BudgetReservation reservation = new BudgetReservation();
        reservation.id = Ids.next("pbres");
        reservation.fileId = fileId;
        reservation.epsilon = amount.epsilon();
        reservation.delta = amount.delta();
        reservation.purpose = purpose;
        reservation.reference = reference;
        reservation.status = Status.RESERVED;
        reservation.createdBy = subject;
        reservation.createdAt = DatabaseTime.now();
        reservation.expiresAt = reservation.createdAt.plus(ttl);
        return reservation;
    }

    /** Whether it still holds budget but its time is up, even if the sweeper has not come by yet. */
    boolean isDue(Instant now) {
        return status == Status.RESERVED && !expiresAt.isAfter(now);
    }

    PrivacyAmount held() {
        return new PrivacyAmount(epsilon, delta);
    }

    void commit(PrivacyAmount spent) {
        status = Status.COMMITTED;
        epsilonSpent = spent.epsilon();
        deltaSpent = spent.delta();
        settledAt = DatabaseTime.now();
    }

    void refund() {
        status = Status.REFUNDED;
        settledAt = DatabaseTime.now();
    }

    void expire() {
        status = Status.EXPIRED;
        settledAt = DatabaseTime.now();
    }
}
