package dev.modelyard.launcher;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The embedded-stack command line: {@code up | down | status | demo | logs [component] | help}.
 * Runs from the repository root, where the {@code platform} script starts it.
 */
public final class Platform {

    private static final int LOG_TAIL_ON_FAILURE = 30;
    private static final int LOG_TAIL_FOR_COMMAND = 100;

    private static final String USAGE = """
            Usage: ./platform <command> [options]

              up [--allow-missing]    start PostgreSQL (or an embedded one), Keycloak and every service;
                                      --allow-missing accepts services that are not built yet
              down                    stop everything up started
              status                  what runs, and whether each service is ready
              demo [--allow-missing]  walk through login, API keys, models and tenant isolation
                                      (runs up first when the gateway is not ready)
              logs [component]        the last lines of one component's log, or of all of them
              test [maven options]    build and run every test, end-to-end included (handled by the script)
              help                    this text

            The script's --build option rebuilds the project first. State lives in .platform/
            (-Dmodelyard.home); MODELYARD_PG_HOST/PORT/SUPERUSER/PASSWORD name the PostgreSQL to use.
            """;

    private Platform() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out));
    }

    static int run(String[] args, PrintStream out) {
        List<String> arguments = new ArrayList<>(List.of(args));
        String command = arguments.isEmpty() ? "help" : arguments.removeFirst();
        boolean allowMissing = (command.equals("up") || command.equals("demo")) && arguments.remove("--allow-missing");
        int allowedArguments = command.equals("logs") ? 1 : 0;
        if (arguments.size() > allowedArguments) {
            out.println("Unexpected arguments: " + String.join(" ", arguments));
            out.print(USAGE);
            return 2;
        }
        Stack stack = new Stack(PlatformHome.fromSystemProperties(), Path.of(""), System.getenv(), out);
        try {
            return switch (command) {
                case "up" -> new Up(stack).run(allowMissing);
                case "down" -> new Down(stack).run();
                case "status" -> new Status(stack).run();
                case "demo" -> new Demo(stack).run(allowMissing);
                case "logs" -> logs(stack, arguments);
                case "help", "-h", "--help" -> {
                    out.print(USAGE);
                    yield 0;
                }
                default -> {
                    out.println("Unknown command: " + command);
                    out.print(USAGE);
                    yield 2;
                }
            };
        } catch (PlatformException failure) {
            out.println();
            out.println("ERROR: " + failure.getMessage());
            failure.logFile().ifPresent(log -> {
                out.println("Last " + LOG_TAIL_ON_FAILURE + " lines of " + log + ":");
                Processes.tail(log, LOG_TAIL_ON_FAILURE).forEach(line -> out.println("  | " + line));
            });
            boolean somethingStarted = stack.componentNames().stream()
                    .anyMatch(component -> stack.home().pidFile(component).liveProcess().isPresent());
            if (somethingStarted) {
                out.println("./platform down stops what did start.");
            }
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    private static int logs(Stack stack, List<String> arguments) {
        List<String> components = stack.componentNames();
        if (arguments.isEmpty()) {
            for (String component : components) {
                printTail(stack, component, 10);
            }
            return 0;
        }
        String component = arguments.getFirst();
        if (!components.contains(component)) {
            stack.out().println("No component named " + component + "; one of: " + String.join(", ", components));
            return 2;
        }
        printTail(stack, component, LOG_TAIL_FOR_COMMAND);
        return 0;
    }

    private static void printTail(Stack stack, String component, int lines) {
        Path log = stack.home().logFile(component);
        List<String> tail = Processes.tail(log, lines);
        stack.out().println("==> " + log + (tail.isEmpty() ? " (empty or missing)" : ""));
        tail.forEach(stack.out()::println);
    }
}
