package dev.modelyard.training.job;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.training.event.JobEventView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** {@code /v1/fine_tuning/jobs}: the tenant's fine-tuning jobs and their events, shaped like OpenAI's. */
@Path("/v1/fine_tuning/jobs")
@RolesAllowed(Caller.TENANT_MEMBER)
public class FineTuningJobResource {

    private final FineTuningJobService service;

    public FineTuningJobResource(FineTuningJobService service) {
        this.service = service;
    }

    @POST
    public Response create(@NotNull CreateJobRequest request,
                           @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        return Response.status(201).entity(service.create(request, authorization)).build();
    }

    @GET
    public ListPage<FineTuningJobView> list(@QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return service.list(PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}")
    public FineTuningJobView get(@PathParam("id") String id) {
        return service.get(id);
    }

    @POST
    @Path("/{id}/cancel")
    public FineTuningJobView cancel(@PathParam("id") String id) {
        return service.cancel(id);
    }

    @GET
    @Path("/{id}/events")
    public ListPage<JobEventView> events(@PathParam("id") String id, @QueryParam("limit") Integer limit,
                                         @QueryParam("after") String after) {
        return service.events(id, PageRequest.of(limit, after));
    }
}
