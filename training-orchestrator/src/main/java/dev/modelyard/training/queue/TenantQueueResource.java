package dev.modelyard.training.queue;

import dev.modelyard.common.auth.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

/** {@code /v1/fine_tuning/tenant_queues/{tenant}}: each tenant's share of the training cluster, for platform admins. */
@Path("/v1/fine_tuning/tenant_queues/{tenant}")
@RolesAllowed(Caller.PLATFORM_ADMIN)
public class TenantQueueResource {

    private final TenantQueueService service;

    public TenantQueueResource(TenantQueueService service) {
        this.service = service;
    }

    @PUT
    public TenantQueue apply(@PathParam("tenant") String tenant, @NotNull TenantQueueRequest request) {
        return service.apply(tenant, request);
    }

    @GET
    public TenantQueue get(@PathParam("tenant") String tenant) {
        return service.get(tenant);
    }
}
