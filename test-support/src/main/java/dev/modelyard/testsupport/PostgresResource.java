package dev.modelyard.testsupport;

import dev.modelyard.launcher.PostgresProvisioner;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * A fresh database on the real PostgreSQL at 127.0.0.1:5432 for one test JVM, provisioned exactly as
 * the embedded stack provisions its own (owner role, one RLS-bound role per service). Give each
 * module its own database with the {@code database} init argument.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    public static final String HOST = System.getProperty("modelyard.test.pg.host", "127.0.0.1");
    public static final int PORT = Integer.getInteger("modelyard.test.pg.port", 5432);
    public static final String SUPERUSER = System.getProperty("modelyard.test.pg.superuser", "postgres");
    public static final String OWNER = "modelyard";
    public static final String PASSWORD = "modelyard-dev";
    /** Appended to every test database's name, so that two checkouts can run one module's tests at once. */
    public static final String DATABASE_SUFFIX = System.getProperty("modelyard.test.pg.database-suffix", "");

    private String database = "modelyard_test";

    @Override
    public void init(Map<String, String> initArgs) {
        database = initArgs.getOrDefault("database", database);
    }

    @Override
    public Map<String, String> start() {
        return Map.of("modelyard.db.url", provision(database + DATABASE_SUFFIX));
    }

    /** Recreates {@code database} and returns its JDBC URL. */
    public static String provision(String database) {
        if (!PostgresProvisioner.answers(HOST, PORT, 2000)) {
            throw new IllegalStateException("Tests need PostgreSQL at " + HOST + ":" + PORT
                    + " (.ci/run starts it; see README.md)");
        }
        PostgresProvisioner provisioner = new PostgresProvisioner(HOST, PORT, SUPERUSER, "");
        try {
            provisioner.recreate(database, OWNER, PASSWORD, PASSWORD);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("Cannot provision test database " + database, e);
        }
        return provisioner.jdbcUrl(database);
    }

    @Override
    public void stop() {
        // The database stays for inspection after a failure; the next run recreates it.
    }
}
