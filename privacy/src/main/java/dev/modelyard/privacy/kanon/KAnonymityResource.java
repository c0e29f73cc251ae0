package dev.modelyard.privacy.kanon;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.privacy.file.FileView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code POST /v1/files/{id}/anonymize}: a k-anonymous copy of a CSV file, as a new file of the tenant. */
@Path("/v1/files/{id}/anonymize")
@RolesAllowed(Caller.TENANT_MEMBER)
public class KAnonymityResource {

    private final KAnonymityService service;

    public KAnonymityResource(KAnonymityService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response anonymize(@PathParam("id") String id, AnonymizeRequest request) {
        FileView file = service.anonymize(id, request);
        return Response.status(201).entity(file).build();
    }
}
