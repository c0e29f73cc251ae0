package dev.modelyard.launcher;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** What the commands share: the components in start order, where they live, and how to probe them. */
final class Stack {

    static final String POSTGRES = "postgres";
    static final String KEYCLOAK = "keycloak";
    /** The gateway's port; services take the next five, Keycloak this plus 100. */
    static final int DEFAULT_PORT_BASE = 8080;

    static final String DEFAULT_DATABASE = "modelyard";
    static final String DATABASE_OWNER = "modelyard";
    static final String DATABASE_OWNER_PASSWORD = "modelyard-dev";
    static final String DATABASE_APP_PASSWORD = "modelyard-dev";

    private final PlatformHome home;
    private final Path projectDir;
    private final Map<String, String> environment;
    private final PrintStream out;
    private final int portBase;
    private final String database;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    Stack(PlatformHome home, Path projectDir, Map<String, String> environment, PrintStream out) {
        this(home, projectDir, environment, out, DEFAULT_PORT_BASE, DEFAULT_DATABASE);
    }

    Stack(PlatformHome home, Path projectDir, Map<String, String> environment, PrintStream out, int portBase,
          String database) {
        this.home = home;
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.environment = environment;
        this.out = out;
        this.portBase = portBase;
        this.database = database;
    }

    /** The same stack, reporting to {@code printer} instead. */
    Stack printingTo(PrintStream printer) {
        return new Stack(home, projectDir, environment, printer, portBase, database);
    }

    String database() {
        return database;
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + portBase;
    }

    int keycloakPort() {
        return portBase + 100;
    }

    String keycloakUrl() {
        return "http://127.0.0.1:" + keycloakPort();
    }

    PlatformHome home() {
        return home;
    }

    Path projectDir() {
        return projectDir;
    }

    Map<String, String> environment() {
        return environment;
    }

    PrintStream out() {
        return out;
    }

    List<ServiceSpec> services() {
        return ServiceSpec.all(home, projectDir, portBase, keycloakUrl());
    }

    /** Every component's name in start order; {@code down} goes the other way. */
    List<String> componentNames() {
        List<String> names = new ArrayList<>(List.of(POSTGRES, KEYCLOAK));
        services().forEach(service -> names.add(service.name()));
        return names;
    }

    /** The JVM the launcher runs on also runs everything it starts. */
    Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    URI keycloakDiscovery() {
        return URI.create(keycloakUrl() + "/realms/" + KeycloakServer.REALM + "/.well-known/openid-configuration");
    }

    /** The HTTP status of a GET, or empty when nothing answers in time. */
    OptionalInt probe(URI uri) {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build();
        try {
            return OptionalInt.of(http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (IOException notAnswering) {
            return OptionalInt.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    boolean isReady(URI readiness) {
        return probe(readiness).orElse(-1) == 200;
    }

    static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / 1e9);
    }
}
