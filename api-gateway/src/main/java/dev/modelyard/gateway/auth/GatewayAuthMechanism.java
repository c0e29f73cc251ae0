package dev.modelyard.gateway.auth;

import dev.modelyard.common.auth.CallerIdentity;
import dev.modelyard.common.error.PlatformException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/** Authenticates requests to the gateway's own endpoints with the same rules as forwarded ones. */
@ApplicationScoped
@IfBuildProperty(name = "modelyard.auth.mechanism", stringValue = "gateway")
public class GatewayAuthMechanism implements HttpAuthenticationMechanism {

    public static final String ADMISSION = "modelyard.admission";

    private final Authenticator authenticator;

    public GatewayAuthMechanism(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Uni.createFrom().nullItem();
        }
        String requestId = RequestIds.of(context);
        return Uni.createFrom().item(() -> identity(authenticator.authenticate(authorization, requestId)))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure(PlatformException.class)
                .transform(e -> new AuthenticationFailedException(e.getMessage()));
    }

    private static SecurityIdentity identity(Admission admission) {
        return QuarkusSecurityIdentity.builder(CallerIdentity.of(admission.caller()))
                .addAttribute(ADMISSION, admission)
                .build();
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
    }

    /** The identity is built here from the verified credential, so no identity provider is involved. */
    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of();
    }
}
