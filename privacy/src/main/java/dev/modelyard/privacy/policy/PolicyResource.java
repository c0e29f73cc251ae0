package dev.modelyard.privacy.policy;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;

/**
 * {@code /v1/privacy/policies}: the tenant's anonymization policies and their versions. Members read them and
 * name them in uploads; tenant admins create and change them, since a policy decides what leaves raw data.
 */
@Path("/v1/privacy/policies")
@RolesAllowed(Caller.TENANT_MEMBER)
public class PolicyResource {

    private final PolicyService service;

    public PolicyResource(PolicyService service) {
        this.service = service;
    }

    @POST
    @RolesAllowed(Caller.TENANT_ADMIN)
    public Response create(PolicyRequest request) {
        return Response.status(201).entity(service.create(request)).build();
    }

    @GET
    public ListPage<PolicyView> list(@QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return service.list(PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}")
    public PolicyView get(@PathParam("id") String id) {
        return service.get(id);
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Caller.TENANT_ADMIN)
    public PolicyView update(@PathParam("id") String id, PolicyRequest request) {
        return service.update(id, request);
    }

    @GET
    @Path("/{id}/versions")
    public ListPage<PolicyView> versions(@PathParam("id") String id, @QueryParam("limit") Integer limit,
                                         @QueryParam("after") String after) {
        return service.versions(id, PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}/versions/{version}")
    public PolicyView version(@PathParam("id") String id, @PathParam("version") int version) {
        return service.version(id, version);
    }
}
