package dev.modelyard.privacy.file;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** {@code /v1/files}: the tenant's uploaded datasets, anonymized on the way in. */
@Path("/v1/files")
@RolesAllowed(Caller.TENANT_MEMBER)
public class FileResource {

    private final FileService service;

    public FileResource(FileService service) {
        this.service = service;
    }

    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@RestForm("file") FileUpload file, @RestForm("purpose") String purpose) {
        return Response.status(201).entity(service.upload(Upload.of(file, purpose))).build();
    }

    @GET
    public ListPage<FileView> list(@QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return service.list(PageRequest.of(limit, after));
    }

    @GET
    @Path("/{id}")
    public FileView get(@PathParam("id") String id) {
        return service.get(id);
    }

    @GET
    @Path("/{id}/content")
    public Response content(@PathParam("id") String id) {
        FileContent content = service.content(id);
        return Response.ok(content.bytes(), content.mediaType()).build();
    }

    @DELETE
    @Path("/{id}")
    public Map<String, Object> delete(@PathParam("id") String id) {
        service.delete(id);
        return Map.of("id", id, "object", "file", "deleted", true);
    }
}
