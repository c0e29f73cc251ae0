package dev.modelyard.trainer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelyard.trainer.training.EpochMetrics;
import dev.modelyard.trainer.training.TrainingListener;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** The progress lines of the trainer contract: one JSON object per line on stdout, each with a {@code type}. */
final class ProgressOutput implements TrainingListener {
    static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    ProgressOutput(PrintStream out) {
        this.out = out;
    }

    void started(int rows, int features, int categoricalColumns, int classes, int stepsPerEpoch, Double noiseMultiplier) {
        ObjectNode line = line("started");
        line.put("rows", rows);
        line.put("features", features);
        line.put("categorical_columns", categoricalColumns);
        line.put("classes", classes);
        line.put("steps_per_epoch", stepsPerEpoch);
        line.put("noise_multiplier", noiseMultiplier);
        print(line);
    }

    @Override
    public void resumed(long step, int epochsDone) {
        ObjectNode line = line("resumed");
        line.put("step", step);
        line.put("epochs_done", epochsDone);
        print(line);
    }

    @Override
    public void step(long step, int epoch, double loss) {
        ObjectNode line = line("step");
        line.put("step", step);
        line.put("epoch", epoch);
        line.put("loss", loss);
        print(line);
    }

    @Override
    public void epoch(EpochMetrics metrics) {
        ObjectNode line = line("epoch");
        line.setAll(OutputFiles.epochJson(metrics));
        print(line);
    }

    @Override
    public void earlyStopped(int epoch, int bestEpoch, double bestValidLoss) {
        ObjectNode line = line("early_stopped");
        line.put("epoch", epoch);
        line.put("best_epoch", bestEpoch);
        line.put("best_valid_loss", bestValidLoss);
        print(line);
    }

    void completed(ObjectNode metrics, Double epsilon) {
        ObjectNode line = line("completed");
        line.set("metrics", metrics);
        line.put("epsilon", epsilon);
        print(line);
    }

    /** @param code invalid_input, out_of_budget or failed */
    void error(String code, String message) {
        ObjectNode line = line("error");
        line.put("code", code);
        line.put("message", message);
        print(line);
    }

    /** A result that is not progress: the privacy subcommands' answers. */
    void result(ObjectNode result) {
        print(result);
    }

    private static ObjectNode line(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private void print(ObjectNode line) {
        try {
            out.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        out.flush();
    }
}
