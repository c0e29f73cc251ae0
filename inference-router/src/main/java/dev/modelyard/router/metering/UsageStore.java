package dev.modelyard.router.metering;

import dev.modelyard.common.tenant.TenantRowSecurity;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The {@code usage_event} and {@code usage_hourly} tables, through plain JDBC: batches are written far
 * from any request, reports read the hourly rollup.
 */
@ApplicationScoped
public class UsageStore {

    private final DataSource dataSource;
    private final String insertSql;
    private final String events;
    private final String hourly;

    @Inject
    public UsageStore(AgroalDataSource dataSource, @ConfigProperty(name = "modelyard.db.schema") String schema) {
        this((DataSource) dataSource, schema);
    }

    public UsageStore(DataSource dataSource, String schema) {
        this.dataSource = dataSource;
        this.events = schema + ".usage_event";
        this.hourly = schema + ".usage_hourly";
        // One statement per tenant and batch: the events as arrays (any batch size, one plan), and the
        // rollup grown by exactly the events that were new, so a batch delivered again adds nothing.
        this.insertSql = "WITH inserted AS ("
                + " INSERT INTO " + events
                + " (id, tenant_id, api_key_id, subject, model, version, row_count, latency_us, status, occurred_at)"
                + " SELECT e.id, e.tenant_id, e.api_key_id, e.subject, e.model, e.version, e.row_count, e.latency_us,"
                + "  e.status, timestamptz 'epoch' + e.occurred_us * interval '1 microsecond'"
                + " FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bigint[],"
                + "  ?::bigint[], ?::text[], ?::bigint[])"
                + "  AS e(id, tenant_id, api_key_id, subject, model, version, row_count, latency_us, status, occurred_us)"
                + " ON CONFLICT (id) DO NOTHING"
                + " RETURNING tenant_id, model, version, row_count, latency_us, status, occurred_at)"
                + " INSERT INTO " + hourly + " AS h (tenant_id, hour, model, version, requests, row_count, latency_us, errors)"
                + " SELECT tenant_id, date_trunc('hour', occurred_at, 'UTC'), model, version,"
                + "  count(*) FILTER (WHERE status = 'ok'),"
                + "  coalesce(sum(row_count) FILTER (WHERE status = 'ok'), 0),"
                + "  coalesce(sum(latency_us) FILTER (WHERE status = 'ok'), 0),"
                + "  count(*) FILTER (WHERE status <> 'ok')"
                + " FROM inserted GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
                + " ON CONFLICT (tenant_id, hour, model, version) DO UPDATE SET"
                + "  requests = h.requests + excluded.requests, row_count = h.row_count + excluded.row_count,"
                + "  latency_us = h.latency_us + excluded.latency_us, errors = h.errors + excluded.errors";
    }

    /**
     * Inserts a batch in one transaction: all of it or none. The deliverer has no request, so the pool sets
     * no tenant on the connection; each tenant's statement sets its own for row-level security. Events
     * already stored (a batch sent again after a crash) are skipped and not counted again.
     */
    public void insert(List<UsageEvent> batch) throws SQLException {
        Map<String, List<UsageEvent>> byTenant = batch.stream()
                .collect(Collectors.groupingBy(UsageEvent::tenantId, LinkedHashMap::new, Collectors.toList()));
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement actAs = connection.prepareStatement("SELECT set_config(?, ?, true)");
                 PreparedStatement insert = connection.prepareStatement(insertSql)) {
                for (Map.Entry<String, List<UsageEvent>> tenant : byTenant.entrySet()) {
                    actAs.setString(1, TenantRowSecurity.SETTING);
                    actAs.setString(2, tenant.getKey());
                    actAs.execute();
                    bind(connection, insert, tenant.getValue());
                    insert.executeUpdate();
                }
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    private static void bind(Connection connection, PreparedStatement insert, List<UsageEvent> batch)
            throws SQLException {
        int size = batch.size();
        String[][] texts = new String[7][size];
        Long[][] numbers = new Long[3][size];
        for (int i = 0; i < size; i++) {
            UsageEvent event = batch.get(i);
            texts[0][i] = event.id();
            texts[1][i] = event.tenantId();
            texts[2][i] = event.apiKeyId();
            texts[3][i] = event.subject();
            texts[4][i] = event.model();
            texts[5][i] = event.version();
            texts[6][i] = event.status();
            numbers[0][i] = event.rows();
            numbers[1][i] = event.latencyUs();
            numbers[2][i] = ChronoUnit.MICROS.between(Instant.EPOCH, event.occurredAt());
        }
        for (int column = 0; column < 6; column++) {
            insert.setArray(column + 1, connection.createArrayOf("text", texts[column]));
        }
        insert.setArray(7, connection.createArrayOf("bigint", numbers[0]));
        insert.setArray(8, connection.createArrayOf("bigint", numbers[1]));
        insert.setArray(9, connection.createArrayOf("text", texts[6]));
        insert.setArray(10, connection.createArrayOf("bigint", numbers[2]));
    }

    /**
     * The tenant's usage in the query's range, from the hourly rollup. Runs on a request thread, where the
     * pool has already set the caller's tenant for row-level security; the explicit tenant filter is the
     * second lock.
     */
    public UsageReport report(String tenant, UsageQuery query) {
        String period = switch (query.groupBy()) {
            case MODEL -> "NULL::text, NULL::bigint";
            case DAY -> "to_char(hour AT TIME ZONE 'UTC', 'YYYY-MM-DD'), NULL::bigint";
            case HOUR -> "NULL::text, extract(epoch FROM hour)::bigint";
        };
        String sql = "SELECT " + period + ", model, version,"
                + " sum(requests), sum(row_count), sum(errors), sum(latency_us)"
                + " FROM " + hourly
                + " WHERE tenant_id = ? AND hour >= ? AND hour < ?"
                + " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4";
        List<UsageReport.Row> rows = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, tenant);
            statement.setObject(2, utc(query.from()));
            statement.setObject(3, utc(query.to()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(row(result));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read usage: " + e.getMessage(), e);
        }
        return new UsageReport("list", rows, query.from().getEpochSecond(), query.to().getEpochSecond(),
                query.groupBy().paramValue());
    }

    private static UsageReport.Row row(ResultSet result) throws SQLException {
        long hour = result.getLong(2);
        Long hourStart = result.wasNull() ? null : hour;
        long requests = result.getLong(5);
        long latencyUs = result.getLong(8);
        return new UsageReport.Row(result.getString(3), result.getString(4), result.getString(1), hourStart, requests,
                result.getLong(6), result.getLong(7), latencyUs / 1_000_000.0,
                requests == 0 ? null : Math.round(latencyUs / (double) requests) / 1000.0);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
