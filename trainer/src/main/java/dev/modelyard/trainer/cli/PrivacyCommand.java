package dev.modelyard.trainer.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelyard.dp.accounting.RdpAccountant;
import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.training.PrivacyPlan;
import java.util.List;

/**
 * The accountant on its own, so that the platform can show what a plan would spend before running it:
 * {@code privacy epsilon} (ε of a noise multiplier) and {@code privacy noise} (noise multiplier for an ε).
 */
final class PrivacyCommand {
    private PrivacyCommand() {
    }

    static void run(List<String> arguments, ProgressOutput output) {
        if (arguments.isEmpty()) {
            throw new InvalidInputException("privacy: expected epsilon or noise");
        }
        List<String> options = arguments.subList(1, arguments.size());
        switch (arguments.getFirst()) {
            case "epsilon" -> epsilon(Options.parse("privacy epsilon", options,
                    List.of("sample-rate", "noise-multiplier", "steps", "delta")), output);
            case "noise" -> noise(Options.parse("privacy noise", options,
                    List.of("target-epsilon", "delta", "sample-rate", "steps")), output);
            default -> throw new InvalidInputException("privacy: expected epsilon or noise, not " + arguments.getFirst());
        }
    }

    private static void epsilon(Options options, ProgressOutput output) {
        double sampleRate = sampleRate(options);
        double noiseMultiplier = options.number("noise-multiplier");
        if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
            throw new InvalidInputException("privacy epsilon: --noise-multiplier must not be negative");
        }
        RdpAccountant.Epsilon epsilon = PrivacyPlan.epsilon(sampleRate, noiseMultiplier, steps(options), delta(options));
        ObjectNode result = ProgressOutput.JSON.createObjectNode();
        result.put("epsilon", epsilon.epsilon());
        result.put("order", epsilon.order());
        output.result(result);
    }

    private static void noise(Options options, ProgressOutput output) {
        double targetEpsilon = options.number("target-epsilon");
        if (!(targetEpsilon > 0) || Double.isInfinite(targetEpsilon)) {
            throw new InvalidInputException("privacy noise: --target-epsilon must be a positive number");
        }
        double noise = PrivacyPlan.noiseMultiplier(targetEpsilon, delta(options), sampleRate(options), steps(options));
        output.result(ProgressOutput.JSON.createObjectNode().put("noise_multiplier", noise));
    }

    private static double sampleRate(Options options) {
        double sampleRate = options.number("sample-rate");
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new InvalidInputException("privacy: --sample-rate must be in (0, 1]");
        }
        return sampleRate;
    }

    private static double delta(Options options) {
        double delta = options.number("delta");
        if (!(delta > 0 && delta < 1)) {
            throw new InvalidInputException("privacy: --delta must be in (0, 1)");
        }
        return delta;
    }

    private static long steps(Options options) {
        long steps = options.wholeNumber("steps");
        if (steps < 1) {
            throw new InvalidInputException("privacy: --steps must be at least 1");
        }
        return steps;
    }
}
