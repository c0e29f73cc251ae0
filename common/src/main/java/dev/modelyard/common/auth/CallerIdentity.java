package dev.modelyard.common.auth;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Bridges a {@link Caller} into Quarkus security so {@code @RolesAllowed} works on its roles. */
public final class CallerIdentity {

    public static final String ATTRIBUTE = "modelyard.caller";

    private CallerIdentity() {
    }

    public static SecurityIdentity of(Caller caller) {
        return QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(caller.subject()))
                .addRoles(caller.roles())
                .addAttribute(ATTRIBUTE, caller)
                .build();
    }

    public static Caller from(SecurityIdentity identity) {
        return identity == null || identity.isAnonymous() ? null : identity.getAttribute(ATTRIBUTE);
    }
}
