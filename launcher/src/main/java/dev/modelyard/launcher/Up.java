package dev.modelyard.launcher;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * {@code up}: PostgreSQL (the configured server, else an embedded one), the database, Keycloak, then
 * every built service at once; waits until all are ready and prints where they are. Components whose
 * PID file names a live process are left as they are, so running it twice is harmless.
 */
final class Up {

    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration EMBEDDED_POSTGRES_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(500);

    private final Stack stack;
    private final PlatformHome home;
    private final PrintStream out;
    private final long startNanos = System.nanoTime();
    private final List<String[]> readyRows = new ArrayList<>();

    Up(Stack stack) {
        this.stack = stack;
        this.home = stack.home();
        this.out = stack.out();
    }

    int run(boolean allowMissing) throws InterruptedException {
        home.createLayout();
        if (RsaPemKeys.ensureKeyPair(home.internalTokenPrivateKey(), home.internalTokenPublicKey())) {
            out.println("Created the internal-token key pair in " + home.keysDir());
        }
        List<ServiceSpec> missing = new ArrayList<>();
        List<ServiceSpec> runnable = new ArrayList<>();
        for (ServiceSpec service : stack.services()) {
            if (Files.isRegularFile(service.jar(stack.projectDir()))) {
                runnable.add(service);
            } else {
                missing.add(service);
            }
        }
        missing.forEach(service -> out.println("WARNING: " + service.name() + " is not built ("
                + service.jar(stack.projectDir()) + " is missing); skipping it"));

        PostgresServer postgres = choosePostgres();
        refuseTakenPorts(postgres, runnable);
        if (postgres.embedded()) {
            startEmbeddedPostgres();
        } else {
            readyRows.add(new String[] {Stack.POSTGRES, postgres.jdbcUrl(stack.database()), "-", "external"});
        }
        provision(postgres);
        startKeycloak();
        Map<ServiceSpec, ProcessHandle> processes = new LinkedHashMap<>();
        Set<ServiceSpec> alreadyRunning = new HashSet<>();
        for (ServiceSpec service : runnable) {
            Optional<ProcessHandle> running = home.pidFile(service.name()).liveProcess();
            running.ifPresent(process -> alreadyRunning.add(service));
            processes.put(service, running.orElseGet(() -> startService(service, postgres.jdbcUrl(stack.database()))));
        }
        List<String> starting = processes.keySet().stream()
                .filter(service -> !alreadyRunning.contains(service)).map(ServiceSpec::name).toList();
        if (!starting.isEmpty()) {
            out.println("Starting " + String.join(", ", starting) + " ...");
        }
        awaitServices(processes, alreadyRunning);

        printSummary(missing);
        if (!missing.isEmpty() && !allowMissing) {
            out.println();
            out.println("Not started, because they are not built: "
                    + missing.stream().map(ServiceSpec::name).collect(Collectors.joining(", ")));
            out.println("Build them (./platform up --build), or pass --allow-missing to accept a partial stack.");
            return 1;
        }
        return 0;
    }

    /** Our embedded server if it runs; else the configured one if it answers; else a new embedded one. */
    private PostgresServer choosePostgres() {
        if (home.pidFile(Stack.POSTGRES).liveProcess().isPresent()) {
            return PostgresServer.embeddedServer();
        }
        PostgresServer configured = PostgresServer.configured(stack.environment());
        if (configured.answers()) {
            return configured;
        }
        out.println("No PostgreSQL answers at " + configured.describe() + "; using an embedded one on port "
                + PostgresServer.EMBEDDED_PORT + " (data in " + home.postgresData() + ")");
        return PostgresServer.embeddedServer();
    }

    private void refuseTakenPorts(PostgresServer postgres, List<ServiceSpec> services) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        if (postgres.embedded()) {
            ports.put(Stack.POSTGRES, postgres.port());
        }
        ports.put(Stack.KEYCLOAK, stack.keycloakPort());
        services.forEach(service -> ports.put(service.name(), service.port()));
        List<String> conflicts = portConflicts(ports, name -> home.pidFile(name).liveProcess().isPresent(), Ports::isFree);
        if (!conflicts.isEmpty()) {
            throw new PlatformException(String.join("\n", conflicts)
                    + "\nAnother program holds these ports; stop it and run ./platform up again.");
        }
    }

    /**
     * One message per component that is not running under our PID file but whose port is taken: if
     * we started it, its PID file would say so, so the port belongs to someone else.
     */
    static List<String> portConflicts(Map<String, Integer> portsByComponent, Predicate<String> runsUnderOurPidFile,
                                      IntPredicate isFree) {
        return portsByComponent.entrySet().stream()
                .filter(entry -> !runsUnderOurPidFile.test(entry.getKey()))
                .filter(entry -> !isFree.test(entry.getValue()))
                .map(entry -> "Port " + entry.getValue() + " (for " + entry.getKey()
                        + ") is taken by a program the launcher did not start.")
                .toList();
    }

    private void startEmbeddedPostgres() throws InterruptedException {
        PidFile pidFile = home.pidFile(Stack.POSTGRES);
        Optional<ProcessHandle> running = pidFile.liveProcess();
        if (running.isPresent()) {
            readyRows.add(new String[] {Stack.POSTGRES, embeddedJdbcUrl(), pidOf(running.get()), "already running"});
            return;
        }
        Path marker = home.postgresReadyMarker();
        Path log = home.logFile(Stack.POSTGRES);
        try {
            Files.deleteIfExists(marker);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(stack.java().toString(), "-Xmx64m",
                "-cp", absoluteClassPath(), EmbeddedPostgresMain.class.getName(),
                home.postgresData().toString(), Integer.toString(PostgresServer.EMBEDDED_PORT), marker.toString());
        out.println("Starting the embedded PostgreSQL ...");
        Process process = Processes.startDetached(builder, log);
        pidFile.write(process.toHandle());
        long deadline = System.nanoTime() + EMBEDDED_POSTGRES_TIMEOUT.toNanos();
        while (!Files.exists(marker)) {
            if (!process.isAlive()) {
                throw new PlatformException("The embedded PostgreSQL exited with code " + process.exitValue(), log);
            }
            if (System.nanoTime() > deadline) {
                throw new PlatformException("The embedded PostgreSQL was not ready within "
                        + EMBEDDED_POSTGRES_TIMEOUT.toSeconds() + " s", log);
            }
            Thread.sleep(POLL_INTERVAL);
        }
        readyRows.add(new String[] {Stack.POSTGRES, embeddedJdbcUrl(), pidOf(process.toHandle()), readyIn()});
    }

    private String embeddedJdbcUrl() {
        return PostgresServer.embeddedServer().jdbcUrl(stack.database());
    }

    /** The launcher's class path made absolute, so the child finds it whatever its working folder. */
    private static String absoluteClassPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(entry -> Path.of(entry).toAbsolutePath().toString())
                .collect(Collectors.joining(File.pathSeparator));
    }

    private void provision(PostgresServer postgres) {
        try {
            postgres.provisioner().provision(stack.database(), Stack.DATABASE_OWNER, Stack.DATABASE_OWNER_PASSWORD,
                    Stack.DATABASE_APP_PASSWORD);
        } catch (SQLException e) {
            throw new PlatformException("Cannot provision database " + stack.database() + " on " + postgres.describe()
                    + " as " + postgres.superuser() + ": " + e.getMessage());
        }
    }

    private void startKeycloak() throws InterruptedException {
        KeycloakServer keycloak;
        try {
            keycloak = new KeycloakServer(home.dir(), home.keycloakData(), stack.keycloakPort());
        } catch (IllegalStateException notUnpacked) {
            throw new PlatformException(notUnpacked.getMessage());
        }
        PidFile pidFile = home.pidFile(Stack.KEYCLOAK);
        Path log = home.logFile(Stack.KEYCLOAK);
        Optional<ProcessHandle> running = pidFile.liveProcess();
        Process started = null;
        if (running.isEmpty()) {
            out.println("Starting Keycloak on " + keycloak.url() + " ...");
            started = Processes.startDetached(keycloak.processBuilder(log), log);
            pidFile.write(started.toHandle());
        }
        try {
            keycloak.awaitReady(READY_TIMEOUT, started);
        } catch (IllegalStateException e) {
            throw new PlatformException(e.getMessage(), log);
        }
        ProcessHandle process = started != null ? started.toHandle() : running.get();
        String status = started != null ? readyIn() : "already running";
        readyRows.add(new String[] {Stack.KEYCLOAK, keycloak.url(), pidOf(process), status});
    }

    private ProcessHandle startService(ServiceSpec service, String jdbcUrl) {
        ProcessBuilder builder = new ProcessBuilder(service.command(stack.java(), home, jdbcUrl, stack.projectDir()));
        ProcessHandle process = Processes.startDetached(builder, home.logFile(service.name())).toHandle();
        home.pidFile(service.name()).write(process);
        return process;
    }

    /** Polls every service's readiness together, recording when each first answers 200. */
    private void awaitServices(Map<ServiceSpec, ProcessHandle> processes, Set<ServiceSpec> alreadyRunning)
            throws InterruptedException {
        Map<ServiceSpec, ProcessHandle> pending = new LinkedHashMap<>(processes);
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!pending.isEmpty()) {
            for (var iterator = pending.entrySet().iterator(); iterator.hasNext(); ) {
                var entry = iterator.next();
                ServiceSpec service = entry.getKey();
                if (!Processes.isRunning(entry.getValue())) {
                    throw new PlatformException(service.name() + " exited before it was ready", home.logFile(service.name()));
                }
                if (stack.isReady(service.readiness())) {
                    String status = alreadyRunning.contains(service) ? "already running" : readyIn();
                    readyRows.add(new String[] {service.name(), service.url(), pidOf(entry.getValue()), status});
                    iterator.remove();
                }
            }
            if (!pending.isEmpty() && System.nanoTime() > deadline) {
                ServiceSpec late = pending.keySet().iterator().next();
                throw new PlatformException("Not ready within " + READY_TIMEOUT.toMinutes() + " min: "
                        + pending.keySet().stream().map(ServiceSpec::name).collect(Collectors.joining(", ")),
                        home.logFile(late.name()));
            }
            if (!pending.isEmpty()) {
                Thread.sleep(POLL_INTERVAL);
            }
        }
    }

    private void printSummary(List<ServiceSpec> missing) {
        out.println();
        out.printf("%-22s %-46s %-8s %s%n", "COMPONENT", "ADDRESS", "PID", "STATUS");
        readyRows.forEach(row -> out.printf("%-22s %-46s %-8s %s%n", (Object[]) row));
        out.println();
        String without = missing.isEmpty() ? ""
                : " without " + missing.stream().map(ServiceSpec::name).collect(Collectors.joining(", "));
        out.println("Modelyard is up" + without + ": ready in " + Stack.seconds(System.nanoTime() - startNanos) + ".");
        out.println("API:       " + stack.gatewayUrl() + "   (try ./platform demo)");
        out.println("Users:     acme-admin, acme-member, globex-admin, platform-admin (password: demo)");
        out.println("Keycloak:  " + stack.keycloakUrl() + "/admin (admin/admin)");
        out.println("Logs:      " + home.logsDir() + "   (./platform logs <component>)");
        out.println("Stop:      ./platform down");
    }

    private String readyIn() {
        return "ready in " + Stack.seconds(System.nanoTime() - startNanos);
    }

    private static String pidOf(ProcessHandle process) {
        return Long.toString(process.pid());
    }
}
