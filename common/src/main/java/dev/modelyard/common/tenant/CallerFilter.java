package dev.modelyard.common.tenant;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.CallerIdentity;
import dev.modelyard.common.error.PlatformException;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Fails closed: every REST call needs an authenticated caller unless its resource says
 * {@code @PermitAll}. Resolves the caller once into {@link TenantContext} and the log context.
 */
public class CallerFilter {

    private final CurrentIdentityAssociation identities;
    private final TenantContext tenantContext;

    public CallerFilter(CurrentIdentityAssociation identities, TenantContext tenantContext) {
        this.identities = identities;
        this.tenantContext = tenantContext;
    }

    /** The gateway passes its request id in this header, outside the token, so one token serves many requests. */
    public static final String REQUEST_ID_HEADER = "X-Request-Id";

    @ServerRequestFilter(priority = jakarta.ws.rs.Priorities.AUTHENTICATION)
    public Uni<Void> resolveCaller(ContainerRequestContext request, ResourceInfo resource) {
        boolean open = resource.getResourceMethod() != null
                && (resource.getResourceMethod().isAnnotationPresent(PermitAll.class)
                || resource.getResourceClass().isAnnotationPresent(PermitAll.class));
        return identities.getDeferredIdentity().map(identity -> {
            Caller caller = CallerIdentity.from(identity);
            if (caller == null) {
                if (!open) {
                    throw PlatformException.unauthorized("Missing or invalid credentials");
                }
                return null;
            }
            tenantContext.set(caller);
            putLogContext(caller, request.getHeaderString(REQUEST_ID_HEADER));
            return null;
        });
    }

    /**
     * Puts the caller's tenant and the request id (the token's, else {@code requestIdHeader}) into the log context,
     * for every call served outside the REST layer too.
     */
    public static void putLogContext(Caller caller, String requestIdHeader) {
        MDC.put("tenant", caller.tenant() == null ? "-" : caller.tenant());
        String requestId = caller.requestId() != null ? caller.requestId() : requestIdHeader;
        if (requestId != null) {
            MDC.put("requestId", requestId);
        }
    }
}
