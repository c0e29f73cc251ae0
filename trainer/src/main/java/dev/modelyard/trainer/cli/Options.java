package dev.modelyard.trainer.cli;

import dev.modelyard.trainer.InvalidInputException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} pairs of a subcommand, each checked against the names the subcommand accepts. */
final class Options {
    private final String command;
    private final Map<String, String> values;

    private Options(String command, Map<String, String> values) {
        this.command = command;
        this.values = values;
    }

    static Options parse(String command, List<String> arguments, List<String> accepted) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < arguments.size(); i += 2) {
            String name = arguments.get(i);
            if (!name.startsWith("--") || !accepted.contains(name.substring(2))) {
                throw new InvalidInputException(command + ": unknown option " + name + " (expected --" + String.join(", --", accepted) + ")");
            }
            if (i + 1 >= arguments.size()) {
                throw new InvalidInputException(command + ": " + name + " needs a value");
            }
            values.put(name.substring(2), arguments.get(i + 1));
        }
        return new Options(command, values);
    }

    String text(String name) {
        String value = values.get(name);
        if (value == null) {
            throw new InvalidInputException(command + ": --" + name + " is required");
        }
        return value;
    }

    double number(String name) {
        try {
            return Double.parseDouble(text(name));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(command + ": --" + name + " must be a number, not " + text(name));
        }
    }

    long wholeNumber(String name) {
        try {
            return Long.parseLong(text(name));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(command + ": --" + name + " must be a whole number, not " + text(name));
        }
    }
}
