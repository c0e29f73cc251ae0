package dev.modelyard.gateway.proxy;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.apikey.Scopes;
import dev.modelyard.gateway.auth.Admission;
import dev.modelyard.gateway.auth.Authenticator;
import dev.modelyard.gateway.auth.Credential;
import dev.modelyard.gateway.ratelimit.RateLimits;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * What every forwarded call passes before it reaches a service, whatever its protocol: the caller is
 * authenticated, the API key's scopes cover the area, and the rate limits have room.
 */
@Singleton // used on every request: no client proxy to go through each time
public class RouteAdmission {

    private final Authenticator authenticator;
    private final RateLimits rateLimits;

    public RouteAdmission(Authenticator authenticator, RateLimits rateLimits) {
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
    }

    /**
     * Admits a call from the event loop: right there when memory holds what it takes (the usual case for an API
     * key or a person's token), otherwise on a worker thread, since that may read the database or Keycloak.
     * Fails with a {@link PlatformException} (401, 403 or 429) when the call may not pass.
     */
    public Future<Admission> admit(Vertx vertx, String authorization, String requestId, String scope) {
        Credential credential;
        try {
            credential = Credential.from(authorization);
            Optional<Admission> held = authenticator.fromMemory(credential, requestId);
            if (held.isPresent()) {
                return Future.succeededFuture(checked(held.get(), scope));
            }
        } catch (RuntimeException refused) {
            return Future.failedFuture(refused);
        }
        return vertx.executeBlocking(() -> checked(authenticator.authenticate(credential, requestId), scope), false);
    }

    private Admission checked(Admission admission, String scope) {
        if (!Scopes.allows(admission.scopes(), scope)) {
            throw PlatformException.forbidden("This API key lacks the '" + scope + "' scope");
        }
        rateLimits.check(admission);
        return admission;
    }
}
