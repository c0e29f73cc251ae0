package dev.modelyard.router.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.ServiceSchema;
import dev.modelyard.testsupport.TcpProxy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;

/** The spool, the deliverer and the real store on the real PostgreSQL, reached through a proxy a test can cut. */
class UsageDeliveryTest {

    private static final long MiB = 1 << 20;
    private static String jdbcUrl;

    @TempDir
    Path spoolDirectory;

    @BeforeAll
    static void database() {
        jdbcUrl = ServiceSchema.provision("modelyard_test_router_delivery" + PostgresResource.DATABASE_SUFFIX, "router",
                "classpath:db/migration");
    }

    @Test
    void billsEverySpooledInferenceExactlyOnceThroughPostgresOutagesUnderLoad() throws Exception {
        try (TcpProxy proxy = TcpProxy.start(PostgresResource.HOST, PostgresResource.PORT);
             UsageSpool spool = UsageSpool.open(spoolDirectory, 256 * 1024, 64 * MiB)) {
            UsageDeliverer deliverer = new UsageDeliverer(spool, new UsageStore(throughProxy(proxy), "router")::insert,
                    500, Duration.ofMillis(20), Duration.ofMillis(400));
            deliverer.start();

            Map<String, AtomicLong> answered = Map.of("outage-a", new AtomicLong(), "outage-b", new AtomicLong());
            AtomicBoolean loading = new AtomicBoolean(true);
            List<Thread> clients = new ArrayList<>();
            for (int client = 0; client < 6; client++) {
                String tenant = client % 2 == 0 ? "outage-a" : "outage-b";
                clients.add(Thread.ofPlatform().start(() -> {
                    while (loading.get()) {
                        UsageEvent event = UsageEvent.of(new Caller("key-1", tenant,
                                Set.of(), "key-1", null), "churn", "1", 2, 1500, UsageEvent.OK);
                        try {
                            if (spool.append(event)) {
                                answered.get(tenant).incrementAndGet();
                            }
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        pause(Duration.ofMillis(1));
                    }
                }));
            }
            Thread.sleep(700);
            proxy.cut();
            Thread.sleep(1500);
            proxy.restore();
            Thread.sleep(400);
            proxy.cut();
            Thread.sleep(300);
            proxy.restore();
            Thread.sleep(500);
            loading.set(false);
            for (Thread client : clients) {
                client.join();
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> spool.pendingEvents() == 0);
            deliverer.stop(Duration.ofSeconds(5));

            assertThat(deliverer.failures()).as("delivery attempts refused during the outages").isPositive();
            for (Map.Entry<String, AtomicLong> tenant : answered.entrySet()) {
                assertThat(tenant.getValue().get()).isGreaterThan(500);
                assertThat(billed(tenant.getKey())).as("tenant %s", tenant.getKey())
                        .isEqualTo(new Billed(tenant.getValue().get(), tenant.getValue().get(), 2 * tenant.getValue().get()));
            }
        }
    }

    @Test
    void aBatchDeliveredTwiceIsStoredAndRolledUpOnce() throws Exception {
        UsageStore store = new UsageStore(direct(null), "router");
        List<UsageEvent> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(new UsageEvent("ue-twice-" + i, i % 2 == 0 ? "twice-a" : "twice-b", null, "ann", "churn", "3", 4,
                    2000, i % 10 == 0 ? "invalid-input" : UsageEvent.OK, Instant.parse("2026-11-23T10:15:00Z")));
        }
        store.insert(batch);
        store.insert(batch);
        store.insert(batch.subList(10, 30));

        assertThat(billed("twice-a")).isEqualTo(new Billed(25, 20, 80));
        UsageReport report = new UsageStore(direct("twice-a"), "router").report("twice-a", UsageQuery.parse("2026-11-23", "2026-11-23", "hour", Instant.now()));
        assertThat(report.data()).containsExactly(new UsageReport.Row("churn", "3", null,
                Instant.parse("2026-11-23T10:00:00Z").getEpochSecond(), 20, 80, 5, 0.04, 2.0));
    }

    @Test
    void aTenantsRollupIsHiddenFromAnotherTenantEvenWithoutTheFilter() throws Exception {
        new UsageStore(direct(null), "router").insert(List.of(new UsageEvent("ue-rls-1", "rls-a", null, "ann", "churn", "1", 1,
                10, UsageEvent.OK, Instant.now())));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "router_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute("SELECT set_config('modelyard.tenant', 'rls-b', false)");
            try (ResultSet rows = sql.executeQuery("SELECT count(*) FROM router.usage_hourly WHERE tenant_id = 'rls-a'")) {
                rows.next();
                assertThat(rows.getLong(1)).isZero();
            }
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    record Billed(long events, long requests, long rows) {
    }

    /** What PostgreSQL holds for a tenant: its events, and the billed requests and rows of its rollup. */
    private static Billed billed(String tenant) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, PostgresResource.SUPERUSER, "");
             Statement sql = connection.createStatement();
             ResultSet rows = sql.executeQuery("SELECT (SELECT count(*) FROM router.usage_event WHERE tenant_id = '"
                     + tenant + "'), coalesce(sum(requests), 0), coalesce(sum(row_count), 0)"
                     + " FROM router.usage_hourly WHERE tenant_id = '" + tenant + "'")) {
            rows.next();
            return new Billed(rows.getLong(1), rows.getLong(2), rows.getLong(3));
        }
    }

    /** Connections as the router's runtime role; with a tenant, as the pool hands them to a tenant's request. */
    private static PGSimpleDataSource direct(String tenant) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        if (tenant != null) {
            dataSource.setOptions("-c modelyard.tenant=" + tenant);
        }
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser("router_app");
        dataSource.setPassword(PostgresResource.PASSWORD);
        return dataSource;
    }

    private static PGSimpleDataSource throughProxy(TcpProxy proxy) {
        PGSimpleDataSource dataSource = direct(null);
        dataSource.setUrl(jdbcUrl.replace(":" + PostgresResource.PORT + "/", ":" + proxy.port() + "/"));
        dataSource.setConnectTimeout(2);
        dataSource.setSocketTimeout(10);
        return dataSource;
    }
}
