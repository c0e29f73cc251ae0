package dev.modelyard.gateway.auth;

import dev.modelyard.common.auth.BearerMechanism;
import dev.modelyard.common.auth.CallerIdentity;
import dev.modelyard.common.error.PlatformException;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/** Authenticates requests to the gateway's own endpoints with the same rules as forwarded ones. */
@ApplicationScoped
@IfBuildProperty(name = "modelyard.auth.mechanism", stringValue = "gateway")
public class GatewayAuthMechanism extends BearerMechanism {

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
        // Admitted on the event loop when memory holds what it takes; anything else is looked up on a worker thread.
        return Uni.createFrom().deferred(() -> {
                    Credential credential = Credential.from(authorization);
                    Optional<Admission> held = authenticator.fromMemory(credential, requestId);
                    return held.isPresent() ? Uni.createFrom().item(held.get())
                            : Uni.createFrom().item(() -> authenticator.authenticate(credential, requestId))
                                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
                })
                .map(GatewayAuthMechanism::identity)
                .onFailure(PlatformException.class)
                .transform(e -> new AuthenticationFailedException(e.getMessage()));
    }

    private static SecurityIdentity identity(Admission admission) {
        return QuarkusSecurityIdentity.builder(CallerIdentity.of(admission.caller()))
                .addAttribute(ADMISSION, admission)
                .build();
    }
}
