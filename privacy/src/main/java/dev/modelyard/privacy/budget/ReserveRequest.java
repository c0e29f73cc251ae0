package dev.modelyard.privacy.budget;

import java.math.BigDecimal;

/**
 * {@code POST /v1/files/{id}/budget/reservations}: what a computation may spend at most. {@code delta} defaults
 * to 0; {@code reference} is the caller's name for the computation; {@code ttlSeconds}, how long the reservation
 * holds the budget unsettled, defaults to {@code modelyard.privacy.budget.reservation-ttl}.
 */
public record ReserveRequest(BigDecimal epsilon, BigDecimal delta, String purpose, String reference,
                             Long ttlSeconds) {
}
