package dev.modelyard.registry.artifact;

import dev.modelyard.common.auth.Caller;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;

/** {@code /v1/artifacts}: model files, named by the SHA-256 of their bytes. */
@Path("/v1/artifacts")
@RolesAllowed(Caller.TENANT_MEMBER)
public class ArtifactResource {

    private final ArtifactService service;

    public ArtifactResource(ArtifactService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    public Response upload(InputStream body) {
        return Response.status(201).entity(service.upload(body)).build();
    }

    @GET
    @Path("/{sha256}")
    public ArtifactView get(@PathParam("sha256") String sha256) {
        return service.get(sha256);
    }
}
