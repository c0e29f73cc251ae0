package dev.modelyard.privacy.budget;

import java.util.Locale;

/** One audit record of a file's budget as the API shows it. */
public record BudgetEventView(String id, String object, long createdAt, String action, String file,
                              String reservation, double epsilon, double delta, String purpose, String reference,
                              String subject) {

    static BudgetEventView of(BudgetEvent event) {
        return new BudgetEventView(event.id, "privacy.budget.event", event.createdAt.getEpochSecond(),
                event.action.name().toLowerCase(Locale.ROOT), event.fileId, event.reservationId,
                event.epsilon.doubleValue(), event.delta.doubleValue(), event.purpose, event.reference, event.subject);
    }
}
