package dev.modelyard.privacy.budget;

import dev.modelyard.common.auth.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/** {@code /v1/privacy/budget}: the tenant's differential-privacy budget, shared by all of its files. */
@Path("/v1/privacy/budget")
@RolesAllowed(Caller.TENANT_MEMBER)
public class TenantBudgetResource {

    private final BudgetService service;

    public TenantBudgetResource(BudgetService service) {
        this.service = service;
    }

    @GET
    public BudgetView get() {
        return service.tenantBudget();
    }
}
