package dev.modelyard.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Creates what the services need in a PostgreSQL server: the database, the owner role that runs
 * migrations, and one runtime role per service that can neither bypass row-level security nor
 * own anything. Idempotent: running it again changes nothing.
 */
public final class PostgresProvisioner {

    /** The schema (and {@code <schema>_app} role) of each service. */
    public static final List<String> SERVICE_SCHEMAS = List.of("gateway", "privacy", "training", "registry", "router");

    /** The advisory lock every provisioner holds while it creates or changes roles ("modelyar" in ASCII). */
    private static final long PROVISIONING_LOCK = 0x6d6f64656c796172L;

    private final String host;
    private final int port;
    private final String superuser;
    private final String superuserPassword;

    public PostgresProvisioner(String host, int port, String superuser, String superuserPassword) {
        this.host = host;
        this.port = port;
        this.superuser = superuser;
        this.superuserPassword = superuserPassword;
    }

    /** True when something accepts TCP connections at host:port within the timeout. */
    public static boolean answers(String host, int port, int timeoutMillis) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), timeoutMillis);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** Creates the roles and the database when missing. */
    public void provision(String database, String owner, String ownerPassword, String appPassword) throws SQLException {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            // Roles belong to the whole server, and test runs of several modules or checkouts provision at once:
            // two ALTER ROLEs of one role at the same time fail ("tuple concurrently updated"). Closing frees it.
            sql.execute("select pg_advisory_lock(" + PROVISIONING_LOCK + ")");
            ensureRole(admin, owner, ownerPassword, "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE");
            for (String schema : SERVICE_SCHEMAS) {
                ensureRole(admin, schema + "_app", appPassword,
                        "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOINHERIT");
            }
            if (!exists(admin, "select 1 from pg_database where datname = ?", database)) {
                sql.execute("CREATE DATABASE " + identifier(database) + " OWNER " + identifier(owner));
            }
        }
        try (Connection db = connect(database); Statement sql = db.createStatement()) {
            sql.execute("REVOKE ALL ON DATABASE " + identifier(database) + " FROM PUBLIC");
            sql.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC");
            for (String schema : SERVICE_SCHEMAS) {
                sql.execute("GRANT CONNECT ON DATABASE " + identifier(database) + " TO " + identifier(schema + "_app"));
            }
            sql.execute("GRANT CONNECT, CREATE ON DATABASE " + identifier(database) + " TO " + identifier(owner));
        }
    }

    /** Drops the database (closing its connections) and provisions it anew: a clean slate for a test run. */
    public void recreate(String database, String owner, String ownerPassword, String appPassword) throws SQLException {
        try (Connection admin = connect("postgres"); Statement sql = admin.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + identifier(database) + " WITH (FORCE)");
        }
        provision(database, owner, ownerPassword, appPassword);
    }

    private Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), superuser, superuserPassword);
    }

    private static void ensureRole(Connection admin, String role, String password, String attributes) throws SQLException {
        String verb = exists(admin, "select 1 from pg_roles where rolname = ?", role) ? "ALTER" : "CREATE";
        try (Statement sql = admin.createStatement()) {
            sql.execute(verb + " ROLE " + identifier(role) + " " + attributes + " PASSWORD " + literal(password));
        }
    }

    private static boolean exists(Connection connection, String query, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    static String identifier(String name) {
        if (!name.matches("[a-z_][a-z0-9_]*")) {
            throw new IllegalArgumentException("Not a plain identifier: " + name);
        }
        return name;
    }

    private static String literal(String value) {
        return "'" + value.replace("'", "''") + "'";
    }
}
