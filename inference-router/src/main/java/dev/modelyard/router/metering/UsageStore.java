package dev.modelyard.router.metering;

import dev.modelyard.common.tenant.TenantRowSecurity;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The {@code usage_event} table, through plain JDBC: batches are written far from any request. */
@ApplicationScoped
public class UsageStore {

    private static final String COLUMNS =
            "id, tenant_id, api_key_id, subject, model, version, row_count, latency_us, status, occurred_at";
    private static final String ROW_PARAMETERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private final AgroalDataSource dataSource;
    private final String table;

    public UsageStore(AgroalDataSource dataSource, @ConfigProperty(name = "modelyard.db.schema") String schema) {
        this.dataSource = dataSource;
        this.table = schema + ".usage_event";
    }

    /**
     * Inserts events in one transaction per tenant. The writer thread has no request, so the pool sets no
     * tenant on the connection; each transaction sets its own for row-level security. Re-inserting an
     * event (a retried batch) changes nothing.
     */
    void insert(List<UsageEvent> events) {
        Map<String, List<UsageEvent>> byTenant = events.stream()
                .collect(Collectors.groupingBy(UsageEvent::tenantId, LinkedHashMap::new, Collectors.toList()));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                for (Map.Entry<String, List<UsageEvent>> tenant : byTenant.entrySet()) {
                    actAsTenant(connection, tenant.getKey());
                    insertRows(connection, tenant.getValue());
                    connection.commit();
                }
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot write usage events: " + e.getMessage(), e);
        }
    }

    private static void actAsTenant(Connection connection, String tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT set_config(?, ?, true)")) {
            statement.setString(1, TenantRowSecurity.SETTING);
            statement.setString(2, tenant);
            statement.execute();
        }
    }

    private void insertRows(Connection connection, List<UsageEvent> events) throws SQLException {
        String sql = "INSERT INTO " + table + " (" + COLUMNS + ") VALUES "
                + String.join(", ", Collections.nCopies(events.size(), ROW_PARAMETERS))
                + " ON CONFLICT (id) DO NOTHING";
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            int p = 1;
            for (UsageEvent event : events) {
                statement.setString(p++, event.id());
                statement.setString(p++, event.tenantId());
                statement.setString(p++, event.apiKeyId());
                statement.setString(p++, event.subject());
                statement.setString(p++, event.model());
                statement.setString(p++, event.version());
                statement.setLong(p++, event.rows());
                statement.setLong(p++, event.latencyUs());
                statement.setString(p++, event.status());
                statement.setObject(p++, utc(event.occurredAt()));
            }
            statement.executeUpdate();
        }
    }

    /**
     * The tenant's usage in the query's range. Runs on a request thread, where the pool has already set the
     * caller's tenant for row-level security; the explicit tenant filter is the second lock.
     */
    public UsageReport report(String tenant, UsageQuery query) {
        String groups = switch (query.groupBy()) {
            case MODEL -> "model, version";
            case DAY -> "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), model";
        };
        String sql = "SELECT " + groups + ","
                + " count(*) FILTER (WHERE status = 'ok'),"
                + " coalesce(sum(row_count) FILTER (WHERE status = 'ok'), 0),"
                + " count(*) FILTER (WHERE status <> 'ok'),"
                + " round(avg(latency_us) FILTER (WHERE status = 'ok') / 1000.0, 3),"
                + " round((percentile_cont(0.5) WITHIN GROUP (ORDER BY latency_us)"
                + "   FILTER (WHERE status = 'ok') / 1000.0)::numeric, 3)"
                + " FROM " + table
                + " WHERE tenant_id = ? AND occurred_at >= ? AND occurred_at < ?"
                + " GROUP BY 1, 2 ORDER BY 1, 2";
        List<UsageReport.Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            statement.setObject(2, utc(query.from()));
            statement.setObject(3, utc(query.to()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result, query.groupBy()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read usage: " + e.getMessage(), e);
        }
        return new UsageReport("list", rows, query.from().getEpochSecond(), query.to().getEpochSecond(),
                query.groupBy().paramValue());
    }

    private static UsageReport.Row row(ResultSet result, UsageQuery.Grouping groupBy) throws SQLException {
        boolean byModel = groupBy == UsageQuery.Grouping.MODEL;
        String model = result.getString(byModel ? 1 : 2);
        return new UsageReport.Row(model, byModel ? result.getString(2) : null, byModel ? null : result.getString(1),
                result.getLong(3), result.getLong(4), result.getLong(5), nullableDouble(result, 6),
                nullableDouble(result, 7));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Double nullableDouble(ResultSet result, int column) throws SQLException {
        double value = result.getDouble(column);
        return result.wasNull() ? null : value;
    }
}
