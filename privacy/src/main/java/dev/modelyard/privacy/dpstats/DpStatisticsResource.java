package dev.modelyard.privacy.dpstats;

import dev.modelyard.common.auth.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** {@code POST /v1/files/{id}/dp-statistics}: differentially private statistics of a file, charged to its budget. */
@Path("/v1/files/{id}/dp-statistics")
@RolesAllowed(Caller.TENANT_MEMBER)
public class DpStatisticsResource {

    private final DpStatisticsService service;

    public DpStatisticsResource(DpStatisticsService service) {
        this.service = service;
    }

    @POST
    public DpStatisticsService.Released release(@PathParam("id") String id, @Valid @NotNull StatisticsRequest request) {
        return service.release(id, request);
    }
}
