package dev.modelyard.registry.alias;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.page.ListPage;
import dev.modelyard.common.page.PageRequest;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import java.util.Map;

/** {@code /v1/models/{name}/aliases}: movable names for versions; moving one deploys the model. */
@Path("/v1/models/{name}/aliases")
@RolesAllowed(Caller.TENANT_MEMBER)
public class ModelAliasResource {

    private final ModelAliasService service;

    public ModelAliasResource(ModelAliasService service) {
        this.service = service;
    }

    @GET
    public ListPage<AliasView> list(@PathParam("name") String name) {
        return service.list(name);
    }

    @PUT
    @Path("/{alias}")
    public AliasView set(@PathParam("name") String name,
                         @PathParam("alias") @Pattern(regexp = AliasRequests.ALIAS_PATTERN,
                                 message = "must match " + AliasRequests.ALIAS_PATTERN) String alias,
                         @Valid @NotNull AliasRequests.Set request) {
        return service.set(name, alias, request.version());
    }

    @DELETE
    @Path("/{alias}")
    public Map<String, Object> delete(@PathParam("name") String name, @PathParam("alias") String alias) {
        service.delete(name, alias);
        return Map.of("alias", alias, "model", name, "object", "model.alias", "deleted", true);
    }

    @GET
    @Path("/{alias}/history")
    public ListPage<AliasEventView> history(@PathParam("name") String name, @PathParam("alias") String alias,
                                            @QueryParam("limit") Integer limit, @QueryParam("after") String after) {
        return service.history(name, alias, PageRequest.of(limit, after));
    }
}
