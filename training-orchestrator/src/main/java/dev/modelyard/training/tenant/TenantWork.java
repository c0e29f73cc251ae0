package dev.modelyard.training.tenant;

import dev.modelyard.common.tenant.TenantRowSecurity;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.PreparedStatement;
import java.util.function.Consumer;
import java.util.function.Function;
import org.hibernate.Session;
import org.hibernate.SessionFactory;

/**
 * Background work on one tenant's data, outside any request: a transaction whose session carries the
 * tenant both for Hibernate's discriminator and for PostgreSQL's row-level security, exactly as a
 * request of that tenant would. Outside a request Quarkus knows no tenant, so every session of
 * background work is opened here, naming one.
 */
@ApplicationScoped
public class TenantWork {

    private final SessionFactory sessions;

    public TenantWork(SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** Runs {@code work} in a new transaction as {@code tenant} and returns its result. */
    public <T> T call(String tenant, Function<Session, T> work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Session session = sessions.withOptions().tenantIdentifier((Object) tenant).openSession()) {
                // The pool interceptor set the empty tenant when it handed out the connection; this transaction's
                // statements all run on that same connection, so setting it once is enough.
                session.doWork(connection -> {
                    try (PreparedStatement statement = connection.prepareStatement("select set_config(?, ?, false)")) {
                        statement.setString(1, TenantRowSecurity.SETTING);
                        statement.setString(2, tenant);
                        statement.execute();
                    }
                });
                T result = work.apply(session);
                session.flush();
                return result;
            }
        });
    }

    /** Like {@link #call} for work without a result. */
    public void run(String tenant, Consumer<Session> work) {
        call(tenant, session -> {
            work.accept(session);
            return null;
        });
    }
}
