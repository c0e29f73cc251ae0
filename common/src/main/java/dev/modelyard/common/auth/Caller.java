package dev.modelyard.common.auth;

import java.util.Set;

/**
 * Who a request acts for, as the gateway established it: the tenant, the person or key behind it,
 * and their roles. Carried from the gateway to every service inside the internal token.
 *
 * @param subject the Keycloak user id, or the API key id for programs
 * @param tenant  the tenant slug; {@code null} only for platform operations outside any tenant
 * @param roles   {@code tenant-admin}, {@code tenant-member}, {@code platform-admin}
 * @param apiKeyId the API key used, or {@code null} for a person's token
 * @param requestId the id the gateway gave this request, for logs across services
 */
public record Caller(String subject, String tenant, Set<String> roles, String apiKeyId, String requestId) {

    public static final String TENANT_ADMIN = "tenant-admin";
    public static final String TENANT_MEMBER = "tenant-member";
    public static final String PLATFORM_ADMIN = "platform-admin";

    public Caller {
        roles = Set.copyOf(roles);
    }

    /** The same caller outside any one request: what an internal token that many requests share carries. */
    public Caller withoutRequestId() {
        return requestId == null ? this : new Caller(subject, tenant, roles, apiKeyId, null);
    }

    public boolean hasRole(String role) {
        return roles.contains(role);
    }
}
