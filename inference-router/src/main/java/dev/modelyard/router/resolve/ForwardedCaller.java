package dev.modelyard.router.resolve;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.error.PlatformException;

/**
 * The caller of one inference call and the {@code Authorization} header (the internal token) it came with,
 * which the router forwards to the registry so the registry answers for that same tenant. Passed explicitly because gRPC calls have
 * no request context.
 */
public record ForwardedCaller(Caller caller, String authorization) {

    /**
     * The caller the {@code Authorization} header's internal token names, whatever the protocol: refused with a 401
     * without a valid token, and with a 403 unless a member of a tenant.
     */
    public static ForwardedCaller verified(InternalTokens.Verifier verifier, String authorization) {
        Caller caller;
        try {
            caller = verifier.verifyAuthorization(authorization);
        } catch (InternalTokens.InvalidTokenException e) {
            throw PlatformException.unauthorized("Invalid internal token");
        }
        if (caller == null) {
            throw PlatformException.unauthorized("Missing or invalid credentials");
        }
        if (!caller.hasRole(Caller.TENANT_MEMBER)) {
            throw PlatformException.forbidden("Your role does not allow this operation");
        }
        return new ForwardedCaller(caller, authorization);
    }

    /** The caller's tenant; a caller without one has no models to use. */
    public String tenant() {
        if (caller.tenant() == null) {
            throw PlatformException.forbidden("Inference needs a tenant; the caller has none");
        }
        return caller.tenant();
    }
}
