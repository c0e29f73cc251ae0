package dev.modelyard.gateway.apikey;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/** {@code /v1/api-keys}: tenant admins create (the secret is shown once), list and revoke keys. */
@Path("/v1/api-keys")
@RolesAllowed(Caller.TENANT_ADMIN)
public class ApiKeyResource {

    private final ApiKeyService keys;

    public ApiKeyResource(ApiKeyService keys) {
        this.keys = keys;
    }

    @POST
    public Response create(@Valid @NotNull ApiKeyRequests.Create request) {
        return Response.status(201).entity(keys.create(request)).build();
    }

    @GET
    public ListPage<ApiKeyView> list(@QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return keys.list(PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}")
    public ApiKeyView get(@PathParam("id") String id) {
        return keys.get(id);
    }

    @DELETE
    @Path("/{id}")
    public ApiKeyView revoke(@PathParam("id") String id) {
        return keys.revoke(id);
    }
}
