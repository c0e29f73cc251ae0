package dev.modelyard.privacy.file;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import dev.modelyard.privacy.io.MultipartReader;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;

/** {@code /v1/files}: the tenant's uploaded datasets, anonymized on the way in. */
@Path("/v1/files")
@RolesAllowed(Caller.TENANT_MEMBER)
public class FileResource {

    private final FileService service;

    public FileResource(FileService service) {
        this.service = service;
    }

    /**
     * Takes the body as a plain stream rather than through form parameters, which would make the HTTP layer
     * spool the raw file to disk before this method runs.
     */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@HeaderParam(HttpHeaders.CONTENT_TYPE) MediaType contentType, InputStream body) {
        try {
            MultipartReader form = new MultipartReader(body, contentType.getParameters().get("boundary"));
            return Response.status(201).entity(service.upload(form)).build();
        } finally {
            discardRest(body);
        }
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

    /**
     * Reads and drops whatever the upload left unread (all of it after an early refusal, or an epilogue), so
     * a client still sending its body gets to read the answer.
     */
    private static void discardRest(InputStream body) {
        try {
            body.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            // The client has gone; there is nobody left to answer.
        }
    }
}
