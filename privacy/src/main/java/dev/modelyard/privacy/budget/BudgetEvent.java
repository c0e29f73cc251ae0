package dev.modelyard.privacy.budget;

import dev.modelyard.common.id.Ids;
import dev.modelyard.common.time.DatabaseTime;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import org.hibernate.annotations.TenantId;

/**
 * The audit record of one change to a file's budget: who did what, with which epsilon and delta. Ordered by
 * {@code seq}, which the database assigns, because many events share a millisecond.
 */
@Entity
@Table(name = "privacy_budget_event")
public class BudgetEvent {

    /**
     * A reservation, its commit (the amounts spent), refund or expiry (the amounts released), its extension (the
     * amounts it goes on holding), or new totals.
     */
    public enum Action { RESERVE, COMMIT, REFUND, SET_LIMITS, EXPIRE, EXTEND }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long seq;

    @Column(nullable = false, updatable = false)
    public String id;

    @TenantId
    @Column(name = "tenant_id", nullable = false, updatable = false)
    public String tenantId;

    @Column(name = "file_id", nullable = false, updatable = false)
    public String fileId;

    @Column(name = "reservation_id", updatable = false)
    public String reservationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Action action;

    @Column(nullable = false, updatable = false)
    public BigDecimal epsilon;

    @Column(nullable = false, updatable = false)
    public BigDecimal delta;

    @Column(updatable = false)
    public String purpose;

    @Column(updatable = false)
    public String reference;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    static BudgetEvent of(Action action, BudgetReservation reservation, PrivacyAmount amount, String subject) {
        BudgetEvent event = of(action, reservation.fileId, amount, subject);
        event.reservationId = reservation.id;
        event.purpose = reservation.purpose;
        event.reference = reservation.reference;
        return event;
    }

    static BudgetEvent limitsSet(String fileId, PrivacyAmount totals, String subject) {
        return of(Action.SET_LIMITS, fileId, totals, subject);
    }

    private static BudgetEvent of(Action action, String fileId, PrivacyAmount amount, String subject) {
        BudgetEvent event = new BudgetEvent();
        event.id = Ids.next("pbevent");
        event.fileId = fileId;
        event.action = action;
        event.epsilon = amount.epsilon();
        event.delta = amount.delta();
        event.subject = subject;
        event.createdAt = DatabaseTime.now();
        return event;
    }
}
