package dev.modelyard.privacy.budget;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A reservation as the API shows it; the spent amounts appear once it is committed, and {@code expires_at} says
 * when an unsettled one gives its budget back.
 */
public record ReservationView(String id, String object, String file, double epsilon, double delta, String purpose,
                              String reference, String status, Double epsilonSpent, Double deltaSpent,
                              String createdBy, long createdAt, Long settledAt, long expiresAt) {

    static ReservationView of(BudgetReservation reservation) {
        return new ReservationView(reservation.id, "privacy.budget.reservation", reservation.fileId,
                reservation.epsilon.doubleValue(), reservation.delta.doubleValue(), reservation.purpose,
                reservation.reference, reservation.status.name().toLowerCase(Locale.ROOT),
                orNull(reservation.epsilonSpent), orNull(reservation.deltaSpent), reservation.createdBy,
                reservation.createdAt.getEpochSecond(),
                reservation.settledAt == null ? null : reservation.settledAt.getEpochSecond(),
                reservation.expiresAt.getEpochSecond());
    }

    private static Double orNull(BigDecimal value) {
        return value == null ? null : value.doubleValue();
    }
}
