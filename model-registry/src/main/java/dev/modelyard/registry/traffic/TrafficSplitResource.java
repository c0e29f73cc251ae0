package dev.modelyard.registry.traffic;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;

/**
 * {@code /v1/models/{name}/traffic}: how calls to the model's default reference ({@code churn}, the same as
 * {@code churn@production}) are split between its aliases, e.g. a canary of 90 to production and 10 to
 * candidate. Calls naming another alias or a version are never split.
 */
@Path("/v1/models/{name}/traffic")
@RolesAllowed(Caller.TENANT_MEMBER)
public class TrafficSplitResource {

    private final TrafficSplitService service;

    public TrafficSplitResource(TrafficSplitService service) {
        this.service = service;
    }

    @GET
    public TrafficSplitView get(@PathParam("name") String name) {
        return service.get(name);
    }

    @PUT
    public TrafficSplitView set(@PathParam("name") String name, @NotNull TrafficRequests.Set request) {
        return service.set(name, request.weights());
    }

    @DELETE
    public Map<String, Object> delete(@PathParam("name") String name) {
        service.delete(name);
        return Map.of("model", name, "object", "model.traffic_split", "deleted", true);
    }

    @GET
    @Path("/history")
    public ListPage<TrafficSplitEventView> history(@PathParam("name") String name, @QueryParam("limit") Integer limit,
                                                   @QueryParam("after") String after) {
        return service.history(name, PageRequest.of(limit, after));
    }
}
