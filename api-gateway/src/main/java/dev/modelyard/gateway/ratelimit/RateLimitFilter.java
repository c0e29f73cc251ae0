package dev.modelyard.gateway.ratelimit;

import dev.modelyard.gateway.auth.Admission;
import dev.modelyard.gateway.auth.GatewayAuthMechanism;
import io.quarkus.security.identity.CurrentIdentityAssociation;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** Rate limits apply to the gateway's own endpoints as they do to forwarded requests. */
public class RateLimitFilter {

    private final RateLimits limits;
    private final CurrentIdentityAssociation identities;

    public RateLimitFilter(RateLimits limits, CurrentIdentityAssociation identities) {
        this.limits = limits;
        this.identities = identities;
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 10)
    public Uni<Void> limit() {
        return identities.getDeferredIdentity().map(identity -> {
            Admission admission = identity.isAnonymous() ? null : identity.getAttribute(GatewayAuthMechanism.ADMISSION);
            if (admission != null) {
                limits.check(admission);
            }
            return null;
        });
    }
}
