package dev.modelyard.privacy.budget;

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
 * {@code /v1/files/{id}/budget}: the differential-privacy budget of one file, its audit trail, and reservations
 * against it, which services make before they compute on the file.
 */
@Path("/v1/files/{id}/budget")
@RolesAllowed(Caller.TENANT_MEMBER)
public class FileBudgetResource {

    private final BudgetService service;

    public FileBudgetResource(BudgetService service) {
        this.service = service;
    }

    @GET
    public BudgetView get(@PathParam("id") String fileId) {
        return service.fileBudget(fileId);
    }

    @PUT
    @RolesAllowed(Caller.TENANT_ADMIN)
    public BudgetView limit(@PathParam("id") String fileId, LimitsRequest request) {
        return service.limit(fileId, request);
    }

    @GET
    @Path("/events")
    public ListPage<BudgetEventView> events(@PathParam("id") String fileId, @QueryParam("limit") Integer limit,
                                            @QueryParam("after") String after) {
        return service.events(fileId, PageRequest.of(limit, after));
    }

    @POST
    @Path("/reservations")
    public Response reserve(@PathParam("id") String fileId, ReserveRequest request) {
        return Response.status(201).entity(service.reserve(fileId, request)).build();
    }
}
