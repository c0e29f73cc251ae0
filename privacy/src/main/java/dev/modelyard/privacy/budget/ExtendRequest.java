package dev.modelyard.privacy.budget;

/**
 * {@code POST /v1/budget/reservations/{id}/extend}: the reservation expires {@code ttlSeconds} from now (the
 * default lifetime when absent), for a computation that runs longer than it planned.
 */
public record ExtendRequest(Long ttlSeconds) {
}
