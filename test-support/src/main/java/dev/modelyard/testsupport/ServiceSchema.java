package dev.modelyard.testsupport;

import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * A service's schema in a test database, migrated exactly as the service migrates it at start-up (as the
 * owner, granting its runtime role): for tests and benchmarks that use a service's tables without starting
 * the service.
 */
public final class ServiceSchema {

    private ServiceSchema() {
    }

    /**
     * Provisions a fresh {@code database} (see {@link PostgresResource#provision}) with {@code schema} migrated
     * from {@code migrations}, a Flyway location such as {@code classpath:db/migration} (where only one service
     * is on the classpath) or {@code filesystem:<module>/src/main/resources/db/migration}.
     */
    public static String provision(String database, String schema, String migrations) {
        String jdbcUrl = PostgresResource.provision(database);
        Flyway.configure()
                .dataSource(jdbcUrl, PostgresResource.OWNER, PostgresResource.PASSWORD)
                .schemas(schema)
                .locations(migrations)
                .placeholders(Map.of("app_role", schema + "_app"))
                .load()
                .migrate();
        return jdbcUrl;
    }
}
