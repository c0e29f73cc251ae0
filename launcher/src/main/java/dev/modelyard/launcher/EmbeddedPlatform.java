package dev.modelyard.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded stack as a library, for end-to-end tests and benchmarks: a fresh database, its own home folder and
 * its own ports (gateway on {@code portBase}, services on the next five, Keycloak on {@code portBase + 100}),
 * so it runs beside a developer's {@code ./platform up}. What it prints goes to {@code home/platform.log}.
 * The stack is stopped on {@link #close}, or when the JVM that started it exits first (a Ctrl-C, a test run's end):
 * its processes run detached, and would otherwise hold the ports against the next start.
 */
public final class EmbeddedPlatform implements AutoCloseable {

    private final Stack stack;
    private final PrintStream log;
    private final AtomicBoolean stopped = new AtomicBoolean();
    private final Thread stopOnExit = new Thread(this::stop, "embedded-platform-stop");

    private EmbeddedPlatform(Stack stack, PrintStream log) {
        this.stack = stack;
        this.log = log;
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /** Starts everything and waits until it is ready; fails with the reason and log tails otherwise. */
    public static EmbeddedPlatform start(Path projectDir, Path home, int portBase) throws InterruptedException {
        return start(projectDir, home, portBase, "modelyard_e2e");
    }

    /**
     * As {@link #start(Path, Path, int)}, in a fresh database of the given name: a benchmark and the
     * end-to-end tests can then run side by side without recreating each other's database.
     */
    public static EmbeddedPlatform start(Path projectDir, Path home, int portBase, String database)
            throws InterruptedException {
        PlatformHome platformHome = new PlatformHome(home);
        platformHome.createLayout();
        linkDistributions(projectDir, home);
        PrintStream log = new PrintStream(open(home.resolve("platform.log")), true, StandardCharsets.UTF_8);
        Stack stack = new Stack(platformHome, projectDir, System.getenv(), log, portBase, database);
        PostgresServer postgres = PostgresServer.configured(stack.environment());
        try {
            postgres.provisioner().recreate(stack.database(), Stack.DATABASE_OWNER, Stack.DATABASE_OWNER_PASSWORD,
                    Stack.DATABASE_APP_PASSWORD);
        } catch (SQLException e) {
            throw new PlatformException("Cannot create a fresh " + stack.database() + " on " + postgres.describe()
                    + ": " + e.getMessage());
        }
        // Usage events a killed earlier run left undelivered belong to the database just dropped.
        deleteTree(home.resolve("router/usage-spool"));
        int started;
        try {
            started = new Up(stack).run(false);
        } catch (RuntimeException | InterruptedException e) {
            // What did start must not outlive the failure: it would hold the ports against the next start.
            new Down(stack).run();
            throw e;
        }
        if (started != 0) {
            new Down(stack).run();
            throw new IllegalStateException("The platform did not start; see " + home.resolve("platform.log")
                    + " and " + platformHome.logsDir());
        }
        return new EmbeddedPlatform(stack, log);
    }

    public String gatewayUrl() {
        return stack.gatewayUrl();
    }

    public String keycloakUrl() {
        return stack.keycloakUrl();
    }

    /** The URL of one service by its module name, for tests that bypass the gateway on purpose. */
    public String serviceUrl(String name) {
        return stack.services().stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No service " + name)).url();
    }

    /** The key the gateway signs internal tokens with, for callers that bypass the gateway on purpose. */
    public Path internalTokenPrivateKey() {
        return stack.home().internalTokenPrivateKey();
    }

    /** The running process of one component (a service by its module name), as its PID file records it. */
    public Optional<ProcessHandle> process(String component) {
        return stack.home().pidFile(component).liveProcess();
    }

    /** Starts again whatever of the stack no longer runs (a test killed it) and waits until it is ready. */
    public void startStopped() throws InterruptedException {
        if (new Up(stack).run(false) != 0) {
            throw new IllegalStateException("The platform did not start again; see " + stack.home().logsDir());
        }
    }

    /** Runs {@code ./platform demo}'s lifecycle against this stack; 0 when every step held. */
    public int runDemo(PrintStream printer) throws InterruptedException {
        return new Demo(stack.printingTo(printer)).run(false);
    }

    /** Stops exactly what {@link #start} started. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException exiting) {
            // The JVM is exiting and the hook is stopping the stack, or about to.
        }
        stop();
    }

    private void stop() {
        if (stopped.compareAndSet(false, true)) {
            new Down(stack).run();
            log.close();
        }
    }

    /** The build unpacked Keycloak under the project's own .platform; this home shares it. */
    private static void linkDistributions(Path projectDir, Path home) {
        Path link = home.resolve("dist");
        try {
            if (!Files.exists(link)) {
                Files.createSymbolicLink(link, projectDir.resolve(".platform/dist").toAbsolutePath());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static OutputStream open(Path file) {
        try {
            return Files.newOutputStream(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + root, e);
        }
    }
}
