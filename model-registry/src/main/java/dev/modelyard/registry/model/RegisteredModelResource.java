package dev.modelyard.registry.model;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/** {@code /v1/models}: the tenant's registered models. */
@Path("/v1/models")
@RolesAllowed(Caller.TENANT_MEMBER)
public class RegisteredModelResource {

    private final RegisteredModelService service;

    public RegisteredModelResource(RegisteredModelService service) {
        this.service = service;
    }

    @POST
    public Response create(@Valid @NotNull ModelRequests.Create request) {
        return Response.status(201).entity(service.create(request)).build();
    }

    @GET
    public ListPage<ModelView> list(@QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return service.list(PageRequest.of(limit, after));
    }

    @GET
    @Path("/{name}")
    public ModelView get(@PathParam("name") String name) {
        return service.get(name);
    }

    @PATCH
    @Path("/{name}")
    public ModelView update(@PathParam("name") String name, @Valid @NotNull ModelRequests.Update request) {
        return service.update(name, request);
    }

    @DELETE
    @Path("/{name}")
    @RolesAllowed(Caller.TENANT_ADMIN)
    public Map<String, Object> delete(@PathParam("name") String name) {
        service.delete(name);
        return Map.of("name", name, "object", "registered_model", "deleted", true);
    }
}
