package dev.modelyard.trainer.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.trainer.SyntheticData;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.onnx.OnnxModelReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    /** A one-epoch MLP [4] spec; {@code %s} slots: the output folder, then extra fields. */
    private static final String SMALL_MLP_SPEC = """
            {"training_file": "train.csv", "label_column": "churned",
             "model": {"type": "mlp", "hidden_layers": [4]}, "hyperparameters": {"n_epochs": 1},
             "output_dir": "%s"%s}""";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void trainingWithPrivacyReportsProgressAndWritesTheOutputs() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 1_000, 5);
        Path spec = spec("""
                {"job_id": "ftjob-1", "training_file": "train.csv", "validation_file": null,
                 "label_column": "churned", "model": {"type": "logistic_regression", "hidden_layers": []},
                 "base_model": null, "hyperparameters": {"n_epochs": 3, "batch_size": 50, "learning_rate_multiplier": 1.0},
                 "seed": 42, "privacy": {"target_epsilon": 3.0, "target_delta": 1e-5, "max_grad_norm": 1.0},
                 "output_dir": "output"}""");

        Run run = run("train", "--spec", spec.toString());

        assertThat(run.exitCode).isZero();
        assertThat(run.lines.getFirst().get("type").asText()).isEqualTo("started");
        assertThat(run.lines.getFirst().get("rows").asInt()).isEqualTo(900);
        assertThat(run.lines.getFirst().get("features").asInt()).isEqualTo(4);
        assertThat(run.lines.getFirst().get("classes").asInt()).isEqualTo(2);
        assertThat(run.lines.getFirst().get("steps_per_epoch").asInt()).isEqualTo(18);
        assertThat(run.lines.getFirst().get("noise_multiplier").asDouble()).isPositive();
        assertThat(run.ofType("step")).isNotEmpty().allSatisfy(step -> assertThat(step.has("loss")).isTrue());
        List<JsonNode> epochs = run.ofType("epoch");
        assertThat(epochs).hasSize(3);
        assertThat(epochs.getLast().get("step").asInt()).isEqualTo(54);
        assertThat(epochs).allSatisfy(epoch -> {
            assertThat(epoch.get("train_macro_f1").asDouble()).isBetween(0.0, 1.0);
            assertThat(epoch.get("valid_macro_f1").asDouble()).isBetween(0.0, 1.0);
        });
        JsonNode completed = run.lines.getLast();
        assertThat(completed.get("type").asText()).isEqualTo("completed");
        assertThat(completed.get("epsilon").asDouble()).isBetween(2.5, 3.0);

        Path output = dir.resolve("output");
        assertThat(output.resolve("model.onnx")).isNotEmptyFile();
        JsonNode metrics = JSON.readTree(output.resolve("metrics.json").toFile());
        assertThat(metrics.get("valid_accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(metrics.get("epsilon").asDouble()).isEqualTo(completed.get("epsilon").asDouble());
        assertThat(metrics.get("delta").asDouble()).isEqualTo(1e-5);
        assertThat(metrics.get("noise_multiplier").asDouble()).isEqualTo(run.lines.getFirst().get("noise_multiplier").asDouble());
        assertThat(metrics.get("steps").asInt()).isEqualTo(54);
        assertThat(metrics.get("rows").asInt()).isEqualTo(900);
        assertThat(metrics.get("ignored_columns")).containsExactly(JSON.valueToTree("customer"), JSON.valueToTree("email"));
        assertThat(metrics.get("history")).hasSize(3);
        assertThat(metrics.get("valid_macro_f1").asDouble()).isGreaterThan(0.7)
                .isEqualTo(metrics.get("history").get(2).get("valid_macro_f1").asDouble());
        assertThat(metrics.get("train_macro_f1").asDouble()).isGreaterThan(0.7);
        assertThat(JSON.readTree(output.resolve("signature.json").toFile())).isEqualTo(JSON.readTree("""
                {"inputs":  [{"name": "features", "datatype": "FP32", "shape": [-1, 4]}],
                 "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]},
                             {"name": "label", "datatype": "BYTES", "shape": [-1, 1]}],
                 "feature_names": ["age", "monthly_spend", "tenure_months", "support_tickets"],
                 "class_labels": ["no", "yes"]}"""));
    }

    @Test
    void categoricalColumnsTrainWithPrivacyAndTheExportedGraphEncodesThem() throws IOException, OrtException {
        SyntheticData.writeCategoricalCsv(dir.resolve("train.csv"), 1_000, 5);
        Path spec = spec("""
                {"training_file": "train.csv", "label_column": "churned", "model": {"type": "mlp", "hidden_layers": [8]},
                 "hyperparameters": {"n_epochs": 3, "batch_size": 50}, "seed": 4,
                 "privacy": {"target_epsilon": 3.0, "target_delta": 1e-5, "max_grad_norm": 1.0}, "output_dir": "output"}""");

        Run run = run("train", "--spec", spec.toString());

        assertThat(run.exitCode).as(run.lines.toString()).isZero();
        assertThat(run.lines.getFirst().get("features").asInt()).isEqualTo(4);
        assertThat(run.lines.getFirst().get("categorical_columns").asInt()).isEqualTo(2);
        JsonNode metrics = run.lines.getLast().get("metrics");
        assertThat(metrics.get("categorical_columns").asInt()).isEqualTo(2);
        assertThat(metrics.get("ignored_columns")).containsExactly(JSON.valueToTree("customer"));
        assertThat(metrics.get("valid_accuracy").asDouble()).isGreaterThan(0.7);
        assertThat(run.lines.getLast().get("epsilon").asDouble()).isBetween(2.5, 3.0);
        JsonNode signature = JSON.readTree(dir.resolve("output/signature.json").toFile());
        assertThat(signature.get("inputs")).isEqualTo(JSON.readTree("""
                [{"name": "features", "datatype": "FP32", "shape": [-1, 4]},
                 {"name": "categories", "datatype": "BYTES", "shape": [-1, 2]}]"""));
        assertThat(signature.get("categorical_columns")).isEqualTo(JSON.readTree("""
                [{"name": "plan", "vocabulary": ["basic", "plus", "pro"]},
                 {"name": "region", "vocabulary": ["east", "north", "south", "west"]}]"""));

        // The written model in the runtime, raw values in, against the trainer's forward pass of the model it read back.
        Classifier trained = OnnxModelReader.read(dir.resolve("output/model.onnx"));
        float[][] features = {{45, 80, 30, 3}, {30, 150, 3, 9}, {60, 40, 60, 0}};
        String[][] categories = {{"basic", "north"}, {"pro", "atlantis"}, {"enterprise", ""}};
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(dir.resolve("output/model.onnx").toString(), new OrtSession.SessionOptions());
             OnnxTensor featureTensor = OnnxTensor.createTensor(environment, features);
             OnnxTensor categoryTensor = OnnxTensor.createTensor(environment,
                     Arrays.stream(categories).flatMap(Arrays::stream).toArray(String[]::new), new long[] {3, 2});
             OrtSession.Result result = session.run(Map.of("features", featureTensor, "categories", categoryTensor))) {
            float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
            for (int r = 0; r < features.length; r++) {
                float[] row = features[r];
                float[] rowProbabilities = probabilities[r];
                double[] raw = IntStream.range(0, row.length).mapToDouble(f -> row[f]).toArray();
                assertThat(IntStream.range(0, rowProbabilities.length).mapToDouble(k -> rowProbabilities[k]).toArray())
                        .containsExactly(trained.probabilities(raw, categories[r]), within(1e-5));
            }
        }
    }

    @Test
    void aWarmStartNeedsTheSameCategoricalColumnsAndVocabularies() throws IOException {
        SyntheticData.writeCategoricalCsv(dir.resolve("train.csv"), 300, 6);
        assertThat(run("train", "--spec", spec(SMALL_MLP_SPEC.formatted("first", "")).toString()).exitCode).isZero();

        Run same = run("train", "--spec", spec(SMALL_MLP_SPEC.formatted("second", ", \"base_model\": \"first/model.onnx\"")).toString());
        Run withoutRegion = run("train", "--spec", spec(SMALL_MLP_SPEC.formatted("third",
                ", \"base_model\": \"first/model.onnx\", \"excluded_columns\": [\"region\"]")).toString());

        assertThat(same.exitCode).isZero();
        assertThat(withoutRegion.exitCode).isEqualTo(Main.INVALID_INPUT);
        assertThat(withoutRegion.lines.getLast().get("message").asText()).isEqualTo("base_model was trained on categorical columns"
                + " [plan [basic, plus, pro], region [east, north, south, west]] but the training file has [plan [basic, plus, pro]];"
                + " the vocabularies must match");
    }

    @Test
    void categoricalAndExcludedColumnsAreCheckedByName() throws IOException {
        SyntheticData.writeCategoricalCsv(dir.resolve("train.csv"), 100, 7);

        Run label = run("train", "--spec", spec(SMALL_MLP_SPEC.formatted("output", ", \"categorical_columns\": [\"plan\", \"churned\"]")).toString());
        Run both = run("train", "--spec", spec(SMALL_MLP_SPEC.formatted("output",
                ", \"categorical_columns\": [\"plan\"], \"excluded_columns\": [\"customer\", \"plan\"]")).toString());
        Run typo = run("train", "--spec", spec(SMALL_MLP_SPEC.formatted("output", ", \"categorical_columns\": [\"regoin\"]")).toString());
        Run notAnArray = run("train", "--spec", spec(SMALL_MLP_SPEC.formatted("output", ", \"excluded_columns\": \"customer\"")).toString());

        assertThat(List.of(label, both, typo, notAnArray)).allSatisfy(run -> assertThat(run.exitCode).isEqualTo(Main.INVALID_INPUT));
        assertThat(label.lines.getLast().get("message").asText())
                .isEqualTo("categorical_columns[1] \"churned\" is the label_column, which is never an input");
        assertThat(both.lines.getLast().get("message").asText())
                .isEqualTo("excluded_columns[1] \"plan\" is also one of categorical_columns; a column is either used or excluded");
        assertThat(typo.lines.getLast().get("message").asText()).startsWith("categorical_columns[0] \"regoin\" is not a column of train.csv");
        assertThat(notAnArray.lines.getLast().get("message").asText()).isEqualTo("excluded_columns must be an array of column names or null");
    }

    @Test
    void aWarmStartNeedsTheSameArchitecture() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 300, 6);
        String base = SMALL_MLP_SPEC;
        assertThat(run("train", "--spec", spec(base.formatted("first", "")).toString()).exitCode).isZero();

        Run continued = run("train", "--spec", spec(base.formatted("second", ", \"base_model\": \"first/model.onnx\"")).toString());
        assertThat(continued.exitCode).isZero();

        Run mismatched = run("train", "--spec", spec(base.replace("[4]", "[5]").formatted("third", ", \"base_model\": \"first/model.onnx\"")).toString());
        assertThat(mismatched.exitCode).isEqualTo(Main.INVALID_INPUT);
        assertThat(mismatched.lines.getLast().get("message").asText()).contains("hidden layers [4]");
    }

    @Test
    void aMissingLabelColumnIsInvalidInput() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 50, 7);
        Path spec = spec("""
                {"training_file": "train.csv", "label_column": "cancelled",
                 "model": {"type": "logistic_regression"}, "output_dir": "output"}""");

        Run run = run("train", "--spec", spec.toString());

        assertThat(run.exitCode).isEqualTo(Main.INVALID_INPUT);
        assertThat(run.lines).hasSize(1);
        assertThat(run.lines.getFirst().get("type").asText()).isEqualTo("error");
        assertThat(run.lines.getFirst().get("code").asText()).isEqualTo("invalid_input");
        assertThat(run.lines.getFirst().get("message").asText()).contains("label_column \"cancelled\" is not a column of train.csv");
        assertThat(dir.resolve("output")).doesNotExist();
    }

    @Test
    void freezingKeepsTheBaseModelsLowerLayersAndTrainsTheRest() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 300, 6);
        String base = """
                {"training_file": "train.csv", "label_column": "churned",
                 "model": {"type": "mlp", "hidden_layers": [6, 4]}, "hyperparameters": {"n_epochs": 2},
                 "output_dir": "%s"%s}""";
        assertThat(run("train", "--spec", spec(base.formatted("first", "")).toString()).exitCode).isZero();

        Run frozen = run("train", "--spec", spec(base.formatted("second",
                ", \"base_model\": \"first/model.onnx\", \"freeze_layers\": 1")).toString());

        assertThat(frozen.exitCode).isZero();
        Network before = OnnxModelReader.read(dir.resolve("first/model.onnx")).network();
        Network after = OnnxModelReader.read(dir.resolve("second/model.onnx")).network();
        assertThat(after.weights(0)).isDeepEqualTo(before.weights(0));
        assertThat(after.biases(0)).containsExactly(before.biases(0));
        assertThat(after.weights(2)).isNotEqualTo(before.weights(2));
    }

    @Test
    void freezingNeedsABaseModelAndALayerLeftToTrain() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 300, 6);
        String base = SMALL_MLP_SPEC;
        assertThat(run("train", "--spec", spec(base.formatted("first", "")).toString()).exitCode).isZero();

        Run everything = run("train", "--spec", spec(base.formatted("second",
                ", \"base_model\": \"first/model.onnx\", \"freeze_layers\": 2")).toString());
        Run withoutBase = run("train", "--spec", spec(base.formatted("third", ", \"freeze_layers\": 1")).toString());

        assertThat(everything.exitCode).isEqualTo(Main.INVALID_INPUT);
        assertThat(everything.lines.getLast().get("message").asText()).isEqualTo("freeze_layers must be less than the model's 2 layers");
        assertThat(withoutBase.exitCode).isEqualTo(Main.INVALID_INPUT);
        assertThat(withoutBase.lines.getLast().get("message").asText()).startsWith("freeze_layers needs a base_model");
    }

    @Test
    void anInvalidSpecNamesTheField() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 50, 7);
        Path spec = spec("""
                {"training_file": "train.csv", "label_column": "churned", "model": {"type": "mlp", "hidden_layers": [8]},
                 "hyperparameters": {"batch_size": 0}, "output_dir": "output"}""");

        Run run = run("train", "--spec", spec.toString());

        assertThat(run.exitCode).isEqualTo(Main.INVALID_INPUT);
        assertThat(run.lines.getLast().get("message").asText()).isEqualTo("hyperparameters.batch_size must be a positive integer");
    }

    @Test
    void unknownOptimisersAndSchedulesAreInvalidInput() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 50, 7);
        String spec = """
                {"training_file": "train.csv", "label_column": "churned", "model": {"type": "logistic_regression"},
                 "hyperparameters": {%s}, "output_dir": "output"}""";

        Run optimizer = run("train", "--spec", spec(spec.formatted("\"optimizer\": \"rmsprop\"")).toString());
        Run schedule = run("train", "--spec", spec(spec.formatted("\"lr_schedule\": \"linear\"")).toString());

        assertThat(optimizer.exitCode).isEqualTo(Main.INVALID_INPUT);
        assertThat(optimizer.lines.getLast().get("message").asText())
                .isEqualTo("hyperparameters.optimizer must be one of [sgd, adam], not \"rmsprop\"");
        assertThat(schedule.exitCode).isEqualTo(Main.INVALID_INPUT);
        assertThat(schedule.lines.getLast().get("message").asText()).contains("hyperparameters.lr_schedule must be one of");
    }

    @Test
    void earlyStoppingIsReportedAndTheCheckpointIsRemovedOnSuccess() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 500, 8);
        Path spec = spec("""
                {"training_file": "train.csv", "label_column": "churned", "model": {"type": "logistic_regression"},
                 "hyperparameters": {"n_epochs": 200, "optimizer": "adam", "lr_schedule": "cosine", "early_stopping_patience": 2},
                 "checkpoint_every_steps": 5, "output_dir": "output"}""");

        Run run = run("train", "--spec", spec.toString());

        assertThat(run.exitCode).isZero();
        List<JsonNode> stops = run.ofType("early_stopped");
        assertThat(stops).hasSize(1);
        assertThat(stops.getFirst().get("epoch").asInt()).isEqualTo(run.ofType("epoch").size()).isLessThan(200);
        assertThat(stops.getFirst().get("best_epoch").asInt()).isEqualTo(stops.getFirst().get("epoch").asInt() - 2);
        JsonNode metrics = run.lines.getLast().get("metrics");
        assertThat(metrics.get("stopped_early").asBoolean()).isTrue();
        assertThat(metrics.get("optimizer").asText()).isEqualTo("adam");
        assertThat(dir.resolve("output/checkpoints")).doesNotExist();
    }

    @Test
    void aRetryAfterAFailureResumesFromTheCheckpointAndWritesTheSameModel() throws IOException {
        SyntheticData.writeCategoricalCsv(dir.resolve("train.csv"), 400, 9);
        String spec = """
                {"training_file": "train.csv", "label_column": "churned", "model": {"type": "mlp", "hidden_layers": [4]},
                 "hyperparameters": {"n_epochs": 2, "batch_size": 40}, "seed": 3, "output_dir": "%s"}""";
        // A folder where model.onnx belongs makes the run fail after training, as a full disk would.
        Files.createDirectories(dir.resolve("retried/model.onnx"));
        Path retriedSpec = spec(spec.formatted("retried"));

        Run failed = run("train", "--spec", retriedSpec.toString());
        assertThat(failed.exitCode).isEqualTo(Main.FAILED);
        assertThat(dir.resolve("retried/checkpoints/latest.ckpt")).isNotEmptyFile();

        Files.delete(dir.resolve("retried/model.onnx"));
        Run retried = run("train", "--spec", retriedSpec.toString());
        assertThat(retried.exitCode).isZero();
        JsonNode resumed = retried.ofType("resumed").getFirst();
        assertThat(resumed.get("step").asInt()).isEqualTo(18);
        assertThat(resumed.get("epochs_done").asInt()).isEqualTo(2);
        assertThat(retried.ofType("step")).isEmpty();

        assertThat(run("train", "--spec", spec(spec.formatted("direct")).toString()).exitCode).isZero();
        assertThat(Files.readAllBytes(dir.resolve("retried/model.onnx"))).isEqualTo(Files.readAllBytes(dir.resolve("direct/model.onnx")));
    }

    @Test
    void aBudgetThatCannotBeMetStopsBeforeTraining() throws IOException {
        SyntheticData.writeCsv(dir.resolve("train.csv"), 100, 7);
        Path spec = spec("""
                {"training_file": "train.csv", "label_column": "churned", "model": {"type": "logistic_regression"},
                 "hyperparameters": {"n_epochs": 1000, "batch_size": 200},
                 "privacy": {"target_epsilon": 0.01, "target_delta": 1e-5, "max_grad_norm": 1.0}, "output_dir": "output"}""");

        Run run = run("train", "--spec", spec.toString());

        assertThat(run.exitCode).isEqualTo(Main.OUT_OF_BUDGET);
        assertThat(run.lines).hasSize(1);
        assertThat(run.lines.getFirst().get("code").asText()).isEqualTo("out_of_budget");
    }

    @Test
    void theAccountantCanBeAskedDirectly() {
        Run epsilon = run("privacy", "epsilon", "--sample-rate", "0.01", "--noise-multiplier", "4", "--steps", "10000", "--delta", "1e-5");
        assertThat(epsilon.exitCode).isZero();
        assertThat(epsilon.lines.getFirst().get("epsilon").asDouble()).isCloseTo(1.0355, within(0.001));
        assertThat(epsilon.lines.getFirst().get("order").asDouble()).isEqualTo(17);

        Run noise = run("privacy", "noise", "--target-epsilon", "1.0355", "--delta", "1e-5", "--sample-rate", "0.01", "--steps", "10000");
        assertThat(noise.exitCode).isZero();
        assertThat(noise.lines.getFirst().get("noise_multiplier").asDouble()).isCloseTo(4.0, within(0.01));

        Run unknown = run("privacy", "epsilon", "--sigma", "4");
        assertThat(unknown.exitCode).isEqualTo(Main.INVALID_INPUT);
    }

    private Path spec(String json) throws IOException {
        return Files.writeString(dir.resolve("spec.json"), json);
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (!line.isBlank()) {
                try {
                    lines.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new AssertionError("not a JSON line: " + line, e);
                }
            }
        }
        return new Run(exitCode, lines);
    }

    private record Run(int exitCode, List<JsonNode> lines) {
        List<JsonNode> ofType(String type) {
            return lines.stream().filter(line -> line.get("type").asText().equals(type)).toList();
        }
    }
}
