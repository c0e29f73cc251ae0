package dev.modelyard.common.tenant;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.error.PlatformException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import jakarta.enterprise.context.RequestScoped;
import java.util.function.Supplier;

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
     * Runs {@code work} as {@code caller} in a request context of its own, for a service's background work
     * on one tenant's data (a sweeper, say): the database session, the tenant discriminator and audit
     * records then see that caller exactly as they would see a request's.
     *
     * @throws IllegalStateException on a thread that is already serving a request
     */
    public static <T> T callAs(Caller caller, Supplier<T> work) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (requestContext.isActive()) {
            throw new IllegalStateException("Background work cannot run inside a request");
        }
        requestContext.activate();
        try {
            Arc.container().instance(TenantContext.class).get().set(caller);
            return work.get();
        } finally {
            requestContext.terminate();
        }
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
