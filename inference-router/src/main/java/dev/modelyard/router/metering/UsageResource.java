package dev.modelyard.router.metering;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.tenant.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;

/** {@code /v1/usage}: the caller's tenant's inferences, grouped by model or by day. */
@Path("/v1/usage")
@RolesAllowed(Caller.TENANT_MEMBER)
public class UsageResource {

    private final UsageStore usage;
    private final TenantContext tenantContext;

    public UsageResource(UsageStore usage, TenantContext tenantContext) {
        this.usage = usage;
        this.tenantContext = tenantContext;
    }

    /**
     * @param from     Unix seconds or an ISO date; default 30 days before {@code to}
     * @param to       Unix seconds or an ISO date (that whole day); default now
     * @param groupBy  {@code model} (default) or {@code day}
     */
    @GET
    public UsageReport report(@QueryParam("from") String from, @QueryParam("to") String to,
                              @QueryParam("group_by") String groupBy) {
        return usage.report(tenantContext.tenant(), UsageQuery.parse(from, to, groupBy, Instant.now()));
    }
}
