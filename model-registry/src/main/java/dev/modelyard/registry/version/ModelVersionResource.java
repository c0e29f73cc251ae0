package dev.modelyard.registry.version;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** {@code /v1/models/{name}/versions}: a model's numbered versions, their artifacts and tags. */
@Path("/v1/models/{name}/versions")
@RolesAllowed(Caller.TENANT_MEMBER)
public class ModelVersionResource {

    private final ModelVersionService service;

    public ModelVersionResource(ModelVersionService service) {
        this.service = service;
    }

    @POST
    public Response create(@PathParam("name") String name, @Valid @NotNull VersionRequests.Create request) {
        return Response.status(201).entity(service.create(name, request)).build();
    }

    @GET
    public ListPage<VersionView> list(@PathParam("name") String name, @QueryParam("limit") Integer limit,
                                      @QueryParam("after") String after) {
        return service.list(name, PageRequest.of(limit, after));
    }

    @GET
    @Path("/{version}")
    public VersionView get(@PathParam("name") String name, @PathParam("version") int version) {
        return service.get(name, version);
    }

    @GET
    @Path("/{version}/artifact")
    @Produces(MediaType.APPLICATION_OCTET_STREAM)
    public Response artifact(@PathParam("name") String name, @PathParam("version") int version) {
        ModelVersionService.ArtifactContent content = service.artifact(name, version);
        return Response.ok(content.bytes(), MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, content.size())
                .build();
    }

    @PUT
    @Path("/{version}/tags/{key}")
    public VersionView setTag(@PathParam("name") String name, @PathParam("version") int version,
                              @PathParam("key") @Size(min = 1, max = 64) String key,
                              @Valid @NotNull VersionRequests.TagValue request) {
        return service.setTag(name, version, key, request.value());
    }

    @DELETE
    @Path("/{version}/tags/{key}")
    public VersionView deleteTag(@PathParam("name") String name, @PathParam("version") int version,
                                 @PathParam("key") String key) {
        return service.deleteTag(name, version, key);
    }
}
