package dev.modelyard.common.tenant;

import io.agroal.api.AgroalPoolInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The database half of tenant isolation. Every pooled connection carries the request's tenant in
 * the session setting {@code modelyard.tenant}, which PostgreSQL row-level security policies compare
 * with each row's {@code tenant_id}. Outside a tenant the setting is empty and policies match nothing.
 * Every hand-out sets it, so a returned connection needs no reset (which would cost a second round trip).
 */
@ApplicationScoped
public class TenantRowSecurity implements AgroalPoolInterceptor {

    public static final String SETTING = "modelyard.tenant";

    @Override
    public void onConnectionAcquire(Connection connection) {
        apply(connection, TenantContext.currentOrNone());
    }

    private static void apply(Connection connection, String tenant) {
        try (PreparedStatement statement = connection.prepareStatement("select set_config(?, ?, false)")) {
            statement.setString(1, SETTING);
            statement.setString(2, tenant);
            statement.execute();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot set the tenant on a database connection", e);
        }
    }
}
