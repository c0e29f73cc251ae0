package dev.modelyard.trainer.cli;

import dev.modelyard.dp.accounting.OutOfBudgetException;
import dev.modelyard.trainer.InvalidInputException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The trainer's command line:
 * <pre>
 * train --spec spec.json
 * privacy epsilon --sample-rate Q --noise-multiplier S --steps T --delta D
 * privacy noise --target-epsilon E --delta D --sample-rate Q --steps T
 * </pre>
 * Exit codes: 0 success, 2 invalid input, 3 privacy budget exceeded, 1 any other failure (retryable); every
 * non-zero exit is preceded by an {@code error} line on stdout.
 */
public final class Main {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int INVALID_INPUT = 2;
    public static final int OUT_OF_BUDGET = 3;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command, printing JSON lines to {@code out} and stack traces of unexpected failures to {@code err}. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        ProgressOutput output = new ProgressOutput(out);
        try {
            List<String> arguments = Arrays.asList(args);
            String command = arguments.isEmpty() ? "" : arguments.getFirst();
            List<String> rest = arguments.isEmpty() ? List.of() : arguments.subList(1, arguments.size());
            switch (command) {
                case "train" -> TrainCommand.run(Path.of(Options.parse("train", rest, List.of("spec")).text("spec")), output);
                case "privacy" -> PrivacyCommand.run(rest, output);
                default -> throw new InvalidInputException(
                        "usage: train --spec <spec.json> | privacy epsilon … | privacy noise …");
            }
            return OK;
        } catch (InvalidInputException e) {
            output.error("invalid_input", e.getMessage());
            return INVALID_INPUT;
        } catch (OutOfBudgetException e) {
            output.error("out_of_budget", e.getMessage());
            return OUT_OF_BUDGET;
        } catch (Exception | OutOfMemoryError e) {
            e.printStackTrace(err);
            output.error("failed", e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
            return FAILED;
        }
    }
}
