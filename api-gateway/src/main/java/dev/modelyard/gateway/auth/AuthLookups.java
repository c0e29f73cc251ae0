package dev.modelyard.gateway.auth;

import dev.modelyard.gateway.apikey.ApiKeySecrets;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The two reads on the request path, in plain JDBC to keep them cheap: a presented API key (with its
 * tenant's status and rate, in one round trip) and a person's tenant.
 */
@ApplicationScoped
public class AuthLookups {

    private final AgroalDataSource dataSource;
    private final String apiKeyQuery;
    private final String tenantQuery;

    public AuthLookups(AgroalDataSource dataSource, @ConfigProperty(name = "modelyard.db.schema") String schema) {
        this.dataSource = dataSource;
        this.apiKeyQuery = "select * from " + schema + ".authenticate_api_key(?)";
        this.tenantQuery = "select t.status, coalesce(t.requests_per_minute, p.requests_per_minute) from "
                + schema + ".tenant t join " + schema + ".plan p on p.id = t.plan_id where t.id = ?";
    }

    public record TenantState(boolean active, int requestsPerMinute) {
    }

    public record Found(String keyId, String tenant, Set<String> scopes, Integer keyRequestsPerMinute,
                        Instant expiresAt, Instant revokedAt, String tenantStatus, int tenantRequestsPerMinute) {
    }

    /** By the hash of the presented secret ({@link ApiKeySecrets#hash}). */
    public Optional<Found> apiKey(byte[] secretHash) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(apiKeyQuery)) {
            statement.setBytes(1, secretHash);
            try (ResultSet row = statement.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                Array scopes = row.getArray("scopes");
                int keyRate = row.getInt("rate_limit_per_minute");
                Integer keyRequestsPerMinute = row.wasNull() ? null : keyRate;
                return Optional.of(new Found(row.getString("key_id"), row.getString("tenant_id"),
                        Set.of((String[]) scopes.getArray()), keyRequestsPerMinute,
                        instant(row.getTimestamp("expires_at")), instant(row.getTimestamp("revoked_at")),
                        row.getString("tenant_status"), row.getInt("tenant_requests_per_minute")));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("API key lookup failed", e);
        }
    }

    public Optional<TenantState> tenant(String id) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(tenantQuery)) {
            statement.setString(1, id);
            try (ResultSet row = statement.executeQuery()) {
                return row.next()
                        ? Optional.of(new TenantState("active".equals(row.getString(1)), row.getInt(2)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Tenant lookup failed", e);
        }
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
