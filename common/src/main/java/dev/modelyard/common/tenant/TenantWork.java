package dev.modelyard.common.tenant;

import dev.modelyard.common.auth.Caller;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.hibernate.Session;

/**
 * A service's background work on one tenant's data, outside any request (a sweeper, a job supervisor): it runs
 * as a caller of that tenant in a request context of its own, so Hibernate's discriminator, PostgreSQL's
 * row-level security and audit records see that caller exactly as they would see a request's.
 */
@ApplicationScoped
public class TenantWork {

    private final Session session;

    public TenantWork(Session session) {
        this.session = session;
    }

    /**
     * Runs {@code work} as {@code caller}, in a request context of its own.
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

    /** Runs {@code work} as {@code caller} in a new transaction, on its session, and returns its result. */
    public <T> T call(Caller caller, Function<Session, T> work) {
        return callAs(caller, () -> QuarkusTransaction.requiringNew().call(() -> work.apply(session)));
    }

    /** Like {@link #call} for work without a result. */
    public void run(Caller caller, Consumer<Session> work) {
        call(caller, transactionSession -> {
            work.accept(transactionSession);
            return null;
        });
    }
}
