package dev.modelyard.gateway.me;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.tenant.TenantContext;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import java.util.List;

/** {@code /v1/me}: who the platform takes the caller to be. Consoles and scripts start here. */
@Path("/v1/me")
public class MeResource {

    private final TenantContext context;

    public MeResource(TenantContext context) {
        this.context = context;
    }

    public record Me(String object, String subject, String tenant, List<String> roles, String apiKeyId) {
    }

    @GET
    public Me me() {
        Caller caller = context.caller();
        return new Me("caller", caller.subject(), caller.tenant(), caller.roles().stream().sorted().toList(),
                caller.apiKeyId());
    }
}
