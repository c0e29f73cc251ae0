package dev.modelyard.common.tenant;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import io.quarkus.arc.Arc;
import jakarta.enterprise.context.RequestScoped;

/** The caller of the current request, resolved once by {@link CallerFilter} and read everywhere else. */
@RequestScoped
public class TenantContext {

    private Caller caller;

    void set(Caller caller) {
        this.caller = caller;
    }

    public Caller caller() {
        if (caller == null) {
            throw PlatformException.unauthorized("Missing or invalid credentials");
        }
        return caller;
    }

    /** The tenant the request acts for; a request without one cannot touch tenant-owned data. */
    public String tenant() {
        String tenant = caller().tenant();
        if (tenant == null) {
            throw PlatformException.forbidden("This operation needs a tenant; the caller has none");
        }
        return tenant;
    }

    /**
     * The tenant of the request running on this thread, or {@code ""} outside a tenant (platform
     * operations, start-up, background work without one): the value that matches no tenant's rows.
     */
    static String currentOrNone() {
        if (!Arc.container().requestContext().isActive()) {
            return "";
        }
        // Through a method: the injected instance is a client proxy whose own fields are always empty.
        return Arc.container().instance(TenantContext.class).get().tenantOrNone();
    }

    String tenantOrNone() {
        return caller == null || caller.tenant() == null ? "" : caller.tenant();
    }
}
