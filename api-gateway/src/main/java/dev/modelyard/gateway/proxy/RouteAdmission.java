package dev.modelyard.gateway.proxy;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.apikey.Scopes;
import dev.modelyard.gateway.auth.Admission;
import dev.modelyard.gateway.auth.Authenticator;
import dev.modelyard.gateway.ratelimit.RateLimits;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * What every forwarded call passes before it reaches a service, whatever its protocol: the caller is
 * authenticated, the API key's scopes cover the area, and the rate limits have room. Blocking (it may
 * read the database), so callers run it off the event loop.
 */
@ApplicationScoped
public class RouteAdmission {

    private final Authenticator authenticator;
    private final RateLimits rateLimits;

    public RouteAdmission(Authenticator authenticator, RateLimits rateLimits) {
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
    }

    /** @throws PlatformException 401, 403 or 429 when the call may not pass */
    public Admission admit(String authorization, String requestId, String scope) {
        Admission admission = authenticator.authenticate(authorization, requestId);
        if (!Scopes.allows(admission.scopes(), scope)) {
            throw PlatformException.forbidden("This API key lacks the '" + scope + "' scope");
        }
        rateLimits.check(admission);
        return admission;
    }
}
