package dev.modelyard.registry.serving;

import dev.modelyard.common.auth.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

/** {@code /v1/models/{name}/serving}: where and how the routers reach a model reference. */
@Path("/v1/models/{name}/serving")
@RolesAllowed(Caller.TENANT_MEMBER)
public class ServingResource {

    private final ServingService service;

    public ServingResource(ServingService service) {
        this.service = service;
    }

    /** {@code ref}: an alias or a version number, {@code production} when left out. */
    @GET
    public ServingView resolve(@PathParam("name") String name, @QueryParam("ref") String ref) {
        return service.resolve(name, ref);
    }
}
