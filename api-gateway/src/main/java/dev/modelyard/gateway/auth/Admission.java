package dev.modelyard.gateway.auth;

import dev.modelyard.common.auth.Caller;
import java.util.Set;

/**
 * An authenticated request's caller and what limits apply to it.
 *
 * @param scopes                areas an API key may reach; people's tokens reach everything
 * @param tenantRequestsPerMinute the tenant's rate, or 0 for callers outside any tenant
 * @param keyRequestsPerMinute  the key's own rate, or {@code null} when it has none
 */
public record Admission(Caller caller, Set<String> scopes, int tenantRequestsPerMinute, Integer keyRequestsPerMinute) {
}
