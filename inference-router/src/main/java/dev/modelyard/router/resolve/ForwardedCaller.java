package dev.modelyard.router.resolve;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;

/**
 * The caller of one inference call and the {@code Authorization} header (the internal token) it came with,
 * which the router forwards to the registry so the registry answers for that same tenant. Passed explicitly because gRPC calls have
 * no request context.
 */
public record ForwardedCaller(Caller caller, String authorization) {

    /** The caller's tenant; a caller without one has no models to use. */
    public String tenant() {
        if (caller.tenant() == null) {
            throw PlatformException.forbidden("Inference needs a tenant; the caller has none");
        }
        return caller.tenant();
    }
}
