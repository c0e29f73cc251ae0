package dev.modelyard.launcher;

import java.util.Map;

/** The PostgreSQL server the stack uses, and the superuser that provisions its database. */
record PostgresServer(String host, int port, String superuser, String password, boolean embedded) {

    static final int EMBEDDED_PORT = 54329;

    /** The server named by MODELYARD_PG_HOST/PORT/SUPERUSER/PASSWORD, by default the local one on 5432. */
    static PostgresServer configured(Map<String, String> environment) {
        String port = environment.getOrDefault("MODELYARD_PG_PORT", "5432");
        try {
            return new PostgresServer(
                    environment.getOrDefault("MODELYARD_PG_HOST", "127.0.0.1"),
                    Integer.parseInt(port),
                    environment.getOrDefault("MODELYARD_PG_SUPERUSER", "postgres"),
                    environment.getOrDefault("MODELYARD_PG_PASSWORD", ""),
                    false);
        } catch (NumberFormatException e) {
            throw new PlatformException("MODELYARD_PG_PORT is not a port number: " + port);
        }
    }

    /** The launcher's own server (zonky's binaries, trust authentication for its superuser). */
    static PostgresServer embeddedServer() {
        return new PostgresServer("127.0.0.1", EMBEDDED_PORT, "postgres", "", true);
    }

    PostgresProvisioner provisioner() {
        return new PostgresProvisioner(host, port, superuser, password);
    }

    String jdbcUrl(String database) {
        return provisioner().jdbcUrl(database);
    }

    boolean answers() {
        return PostgresProvisioner.answers(host, port, 1000);
    }

    String describe() {
        return (embedded ? "embedded " : "") + host + ":" + port;
    }
}
