package dev.modelyard.launcher;

import java.io.PrintStream;
import java.net.URI;
import java.util.Optional;
import java.util.OptionalInt;

/** {@code status}: whether each component runs under our PID file, and whether each service is ready. */
final class Status {

    private static final String ROW = "%-22s %-28s %-24s %s%n";

    private final Stack stack;
    private final PrintStream out;

    Status(Stack stack) {
        this.stack = stack;
        this.out = stack.out();
    }

    int run() {
        out.printf(ROW, "COMPONENT", "PROCESS", "ADDRESS", "READY");
        printPostgres();
        printComponent(Stack.KEYCLOAK, stack.keycloakUrl(), stack.keycloakDiscovery());
        for (ServiceSpec service : stack.services()) {
            printComponent(service.name(), service.url(), service.readiness());
        }
        return 0;
    }

    private void printPostgres() {
        Optional<ProcessHandle> embedded = stack.home().pidFile(Stack.POSTGRES).liveProcess();
        if (embedded.isPresent()) {
            PostgresServer server = PostgresServer.embeddedServer();
            out.printf(ROW, Stack.POSTGRES, running(embedded.get()), server.host() + ":" + server.port(),
                    server.answers() ? "answers" : "not answering");
            return;
        }
        PostgresServer configured = PostgresServer.configured(stack.environment());
        out.printf(ROW, Stack.POSTGRES, "external", configured.host() + ":" + configured.port(),
                configured.answers() ? "answers" : "not answering");
    }

    private void printComponent(String name, String url, URI readiness) {
        Optional<ProcessHandle> process = stack.home().pidFile(name).liveProcess();
        if (process.isEmpty()) {
            out.printf(ROW, name, "stopped", url, "-");
            return;
        }
        OptionalInt status = stack.probe(readiness);
        String ready = status.isEmpty() ? "not answering" : status.getAsInt() == 200 ? "ready" : "HTTP " + status.getAsInt();
        out.printf(ROW, name, running(process.get()), url, ready);
    }

    private static String running(ProcessHandle process) {
        return "running (pid " + process.pid() + ")";
    }
}
