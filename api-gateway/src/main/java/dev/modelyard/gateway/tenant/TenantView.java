package dev.modelyard.gateway.tenant;

/** A tenant as platform admins see it, with its effective quotas. */
public record TenantView(String id, String object, String name, String plan, String status, Quotas quotas,
                         long createdAt, long updatedAt, InitialAdmin admin) {

    public record Quotas(int requestsPerMinute, int maxConcurrentJobs) {
    }

    /** Returned once, when the tenant is created: its first admin and their temporary password. */
    public record InitialAdmin(String username, String email, String temporaryPassword) {
    }

    static TenantView of(Tenant tenant, InitialAdmin admin) {
        return new TenantView(tenant.id, "tenant", tenant.name, tenant.plan.id, tenant.status,
                new Quotas(tenant.effectiveRequestsPerMinute(), tenant.effectiveMaxConcurrentJobs()),
                tenant.createdAt.getEpochSecond(), tenant.updatedAt.getEpochSecond(), admin);
    }

    static TenantView of(Tenant tenant) {
        return of(tenant, null);
    }
}
