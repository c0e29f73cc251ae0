package dev.modelyard.bench;

import dev.modelyard.router.metering.UsageDeliverer;
import dev.modelyard.router.metering.UsageEvent;
import dev.modelyard.router.metering.UsageSpool;
import dev.modelyard.router.metering.UsageStore;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.ServiceSchema;
import io.agroal.api.AgroalDataSource;
import io.agroal.api.configuration.supplier.AgroalDataSourceConfigurationSupplier;
import io.agroal.api.security.NamePrincipal;
import io.agroal.api.security.SimplePassword;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Usage events persisted per second on the PostgreSQL at 127.0.0.1:5432: the deliverer (spooled events
 * read back from the segment files, written in batches with the hourly rollup, idempotent by event id)
 * beside a plain loop of single-row INSERTs with autocommit (no rollup, events pre-sorted by tenant),
 * in the same run on the same database. Target: the deliverer at least 10× the loop.
 */
public final class MeteringBenchmark {

    private static final int DELIVERED_EVENTS = 100_000;
    private static final int LOOP_EVENTS = 10_000;
    private static final int BATCH_SIZE = 1000;
    private static final List<String> TENANTS = List.of("acme", "globex", "initech", "umbrella");

    private MeteringBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        // ./bench/run runs from the project root; the classpath holds other services' migrations too.
        String jdbcUrl = ServiceSchema.provision("modelyard_bench_metering", "router",
                "filesystem:inference-router/src/main/resources/db/migration");
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser("router_app");
        dataSource.setPassword(PostgresResource.PASSWORD);

        double loop = singleRowInserts(dataSource, events("loop", LOOP_EVENTS));
        double deliverer;
        try (AgroalDataSource pool = pool(jdbcUrl)) {
            deliverer = deliverer(pool, events("spooled", DELIVERED_EVENTS));
        }

        System.out.printf(Locale.ROOT, "%-44s %,12.0f events/s (%,d events, batches of %,d)%n",
                "deliverer (spool → batched insert + rollup)", deliverer, DELIVERED_EVENTS, BATCH_SIZE);
        System.out.printf(Locale.ROOT, "%-44s %,12.0f events/s (%,d events)%n", "single-row INSERT loop (autocommit)",
                loop, LOOP_EVENTS);
        System.out.printf(Locale.ROOT, "%-44s %12.1f× (target ≥ 10×)%n", "ratio", deliverer / loop);
    }

    /** A connection pool like the router's: the deliverer does not open a connection per batch there either. */
    private static AgroalDataSource pool(String jdbcUrl) throws SQLException {
        return AgroalDataSource.from(new AgroalDataSourceConfigurationSupplier().connectionPoolConfiguration(pool -> pool
                .maxSize(2).connectionFactoryConfiguration(connections -> connections.jdbcUrl(jdbcUrl)
                        .principal(new NamePrincipal("router_app"))
                        .credential(new SimplePassword(PostgresResource.PASSWORD)))));
    }

    private static double deliverer(DataSource dataSource, List<UsageEvent> events) throws Exception {
        Path directory = Files.createTempDirectory("metering-bench-");
        try (UsageSpool spool = UsageSpool.open(directory, 64L << 20, 1L << 30)) {
            for (UsageEvent event : events) {
                spool.append(event);
            }
            spool.sync();
            UsageDeliverer deliverer = new UsageDeliverer(spool, new UsageStore(dataSource, "router")::insert,
                    BATCH_SIZE, Duration.ofMillis(1), Duration.ofSeconds(1));
            long started = System.nanoTime();
            deliverer.start();
            while (spool.pendingEvents() > 0) {
                Thread.sleep(1);
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            deliverer.stop(Duration.ofSeconds(5));
            return events.size() / seconds;
        } finally {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    private static double singleRowInserts(PGSimpleDataSource dataSource, List<UsageEvent> events) throws SQLException {
        List<UsageEvent> byTenant = events.stream().sorted(Comparator.comparing(UsageEvent::tenantId)).toList();
        try (Connection connection = dataSource.getConnection();
             Statement session = connection.createStatement();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO router.usage_event"
                     + " (id, tenant_id, api_key_id, subject, model, version, row_count, latency_us, status, occurred_at)"
                     + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING")) {
            long started = System.nanoTime();
            String tenant = null;
            for (UsageEvent event : byTenant) {
                if (!event.tenantId().equals(tenant)) {
                    tenant = event.tenantId();
                    session.execute("SELECT set_config('modelyard.tenant', '" + tenant + "', false)");
                }
                insert.setString(1, event.id());
                insert.setString(2, event.tenantId());
                insert.setString(3, event.apiKeyId());
                insert.setString(4, event.subject());
                insert.setString(5, event.model());
                insert.setString(6, event.version());
                insert.setLong(7, event.rows());
                insert.setLong(8, event.latencyUs());
                insert.setString(9, event.status());
                insert.setObject(10, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
                insert.executeUpdate();
            }
            return events.size() / ((System.nanoTime() - started) / 1e9);
        }
    }

    private static List<UsageEvent> events(String prefix, int count) {
        Instant start = Instant.now();
        List<UsageEvent> events = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String tenant = TENANTS.get(i % TENANTS.size());
            events.add(new UsageEvent("ue-" + prefix + "-" + i, tenant, "key-" + tenant, "key-" + tenant,
                    "model-" + (i % 7), Integer.toString(1 + i % 3), 1 + i % 16, 800 + i % 5000, UsageEvent.OK,
                    start.plusMillis(i)));
        }
        return events;
    }
}
