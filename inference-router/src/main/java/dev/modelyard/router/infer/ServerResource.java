package dev.modelyard.router.infer;

import dev.modelyard.common.auth.Caller;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** KServe v2's server endpoints: {@code GET /v2} (metadata) and {@code /v2/health/live|ready}. */
@Path("/v2")
public class ServerResource {

    private final ServerDescription server;

    public ServerResource(ServerDescription server) {
        this.server = server;
    }

    @GET
    @RolesAllowed(Caller.TENANT_MEMBER)
    public KServeJson.ServerMetadata metadata() {
        return server.metadata();
    }

    /** The router answers once it runs; whether a model can be served is each model's readiness. */
    @GET
    @Path("/health/live")
    @PermitAll
    public Response live() {
        return Response.ok().build();
    }

    @GET
    @Path("/health/ready")
    @PermitAll
    public Response ready() {
        return Response.ok().build();
    }
}
