package dev.modelyard.common.auth;

import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * How services authenticate: only a gateway-signed internal token is accepted. The gateway swaps in
 * its own mechanism (user tokens and API keys) by setting {@code modelyard.auth.mechanism=gateway}.
 */
@ApplicationScoped
@IfBuildProperty(name = "modelyard.auth.mechanism", stringValue = "internal", enableIfMissing = true)
public class InternalTokenMechanism extends BearerMechanism {

    private final InternalTokens.Verifier verifier;

    public InternalTokenMechanism(InternalTokens.Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        try {
            Caller caller = verifier.verifyAuthorization(context.request().getHeader(HttpHeaders.AUTHORIZATION));
            return caller == null ? Uni.createFrom().nullItem() : Uni.createFrom().item(CallerIdentity.of(caller));
        } catch (InternalTokens.InvalidTokenException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Invalid internal token"));
        }
    }
}
