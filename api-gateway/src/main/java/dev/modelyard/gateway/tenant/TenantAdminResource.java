package dev.modelyard.gateway.tenant;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** {@code /v1/admin/tenants}: onboarding and plans, for platform admins only. */
@Path("/v1/admin/tenants")
@RolesAllowed(Caller.PLATFORM_ADMIN)
public class TenantAdminResource {

    private final TenantService tenants;

    public TenantAdminResource(TenantService tenants) {
        this.tenants = tenants;
    }

    @POST
    public Response create(@Valid @NotNull TenantRequests.Create request) {
        return Response.status(201).entity(tenants.create(request)).build();
    }

    @GET
    public ListPage<TenantView> list(@QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return tenants.list(PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}")
    public TenantView get(@PathParam("id") String id) {
        return tenants.get(id);
    }

    @PATCH
    @Path("/{id}")
    public TenantView update(@PathParam("id") String id, @Valid @NotNull TenantRequests.Update request) {
        return tenants.update(id, request);
    }
}
