package dev.modelyard.trainer.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.data.ColumnSelection;
import dev.modelyard.trainer.optim.LearningRateSchedule;
import dev.modelyard.trainer.optim.OptimizerType;
import dev.modelyard.trainer.spec.TrainingSpec.Hyperparameters;
import dev.modelyard.trainer.spec.TrainingSpec.ModelSpec;
import dev.modelyard.trainer.spec.TrainingSpec.ModelType;
import dev.modelyard.trainer.spec.TrainingSpec.PrivacySpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads and validates {@code spec.json}. Reads the JSON tree rather than binding it so that every problem is
 * reported with the field's path ({@code hyperparameters.batch_size}); fields it does not know are ignored, so
 * the orchestrator may add some ({@code job_id} is one the trainer has no use for).
 */
public final class SpecReader {
    static final int DEFAULT_EPOCHS = 5;
    static final int DEFAULT_BATCH_SIZE = 32;
    static final int MAX_EPOCHS = 1_000;
    static final int DEFAULT_CHECKPOINT_EVERY_STEPS = 200;
    static final int EARLY_STOPPING_OFF = 0;

    private static final ObjectMapper JSON = new ObjectMapper();

    private SpecReader() {
    }

    public static TrainingSpec read(Path specFile) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.readString(specFile));
        } catch (IOException e) {
            throw new InvalidInputException("spec " + specFile + " cannot be read as JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("spec " + specFile + " must be a JSON object");
        }
        Path base = specFile.toAbsolutePath().getParent();
        Path trainingFile = existingFile(root, "training_file", base, true);
        Path validationFile = existingFile(root, "validation_file", base, false);
        Path baseModel = existingFile(root, "base_model", base, false);
        Path outputDir = path(root, "output_dir", base, true);
        ModelSpec model = model(root.get("model"));
        String labelColumn = requiredText(root, "label_column", "label_column");
        return new TrainingSpec(
                trainingFile,
                validationFile,
                labelColumn,
                columns(root, labelColumn),
                model,
                baseModel,
                freezeLayers(root.get("freeze_layers"), model, baseModel),
                hyperparameters(root.get("hyperparameters")),
                seed(root.get("seed")),
                privacy(root.get("privacy")),
                positiveInt(root, "", "checkpoint_every_steps", DEFAULT_CHECKPOINT_EVERY_STEPS),
                outputDir);
    }

    private static ColumnSelection columns(JsonNode root, String labelColumn) {
        List<String> categorical = columnNames(root.get("categorical_columns"), "categorical_columns", labelColumn);
        List<String> excluded = columnNames(root.get("excluded_columns"), "excluded_columns", labelColumn);
        if (excluded == null) {
            return new ColumnSelection(categorical, List.of());
        }
        for (int i = 0; categorical != null && i < excluded.size(); i++) {
            if (categorical.contains(excluded.get(i))) {
                throw new InvalidInputException("excluded_columns[" + i + "] \"" + excluded.get(i)
                        + "\" is also one of categorical_columns; a column is either used or excluded");
            }
        }
        return new ColumnSelection(categorical, excluded);
    }

    /** An array of distinct column names other than the label column; null when absent. */
    private static List<String> columnNames(JsonNode node, String field, String labelColumn) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isArray()) {
            throw new InvalidInputException(field + " must be an array of column names or null");
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode name = node.get(i);
            String path = field + "[" + i + "]";
            if (!name.isTextual() || name.textValue().isBlank()) {
                throw new InvalidInputException(path + " must be a column name (a non-empty string)");
            }
            if (name.textValue().equals(labelColumn)) {
                throw new InvalidInputException(path + " \"" + labelColumn + "\" is the label_column, which is never an input");
            }
            if (names.contains(name.textValue())) {
                throw new InvalidInputException(path + " \"" + name.textValue() + "\" is named twice");
            }
            names.add(name.textValue());
        }
        return List.copyOf(names);
    }

    private static ModelSpec model(JsonNode model) {
        if (isAbsent(model)) {
            throw new InvalidInputException("model is required");
        }
        if (!model.isObject()) {
            throw new InvalidInputException("model must be an object with type and hidden_layers");
        }
        String typeName = requiredText(model, "type", "model.type");
        ModelType type = Arrays.stream(ModelType.values())
                .filter(candidate -> candidate.wireName.equals(typeName))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "model.type must be logistic_regression or mlp, not \"" + typeName + "\""));
        List<Integer> hiddenLayers = new ArrayList<>();
        JsonNode layers = model.get("hidden_layers");
        if (!isAbsent(layers)) {
            if (!layers.isArray()) {
                throw new InvalidInputException("model.hidden_layers must be an array of layer widths");
            }
            for (JsonNode width : layers) {
                if (!width.canConvertToInt() || !width.isIntegralNumber() || width.intValue() < 1) {
                    throw new InvalidInputException("model.hidden_layers must hold positive integers, found " + width);
                }
                hiddenLayers.add(width.intValue());
            }
        }
        if (type == ModelType.LOGISTIC_REGRESSION && !hiddenLayers.isEmpty()) {
            throw new InvalidInputException("model.hidden_layers must be empty for logistic_regression");
        }
        if (type == ModelType.MLP && hiddenLayers.isEmpty()) {
            throw new InvalidInputException("model.hidden_layers must name at least one layer width for mlp");
        }
        return new ModelSpec(type, List.copyOf(hiddenLayers));
    }

    /** Freezing keeps weights someone trained earlier; at least the output layer must be left to train. */
    private static int freezeLayers(JsonNode node, ModelSpec model, Path baseModel) {
        if (isAbsent(node)) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw new InvalidInputException("freeze_layers must be a non-negative integer");
        }
        int layers = model.hiddenLayers().size() + 1;
        if (node.intValue() >= layers) {
            throw new InvalidInputException("freeze_layers must be less than the model's " + layers + " layers");
        }
        if (node.intValue() > 0 && baseModel == null) {
            throw new InvalidInputException("freeze_layers needs a base_model whose layers to keep");
        }
        return node.intValue();
    }

    private static Hyperparameters hyperparameters(JsonNode given) {
        // Left out, every hyperparameter takes its default, as in an empty object.
        JsonNode node = isAbsent(given) ? JSON.createObjectNode() : given;
        if (!node.isObject()) {
            throw new InvalidInputException("hyperparameters must be an object");
        }
        int epochs = positiveInt(node, "hyperparameters.", "n_epochs", DEFAULT_EPOCHS);
        if (epochs > MAX_EPOCHS) {
            throw new InvalidInputException("hyperparameters.n_epochs must be at most " + MAX_EPOCHS);
        }
        int batchSize = positiveInt(node, "hyperparameters.", "batch_size", DEFAULT_BATCH_SIZE);
        double multiplier = 1.0;
        JsonNode multiplierNode = node.get("learning_rate_multiplier");
        if (!isAbsent(multiplierNode)) {
            if (!multiplierNode.isNumber() || !(multiplierNode.doubleValue() > 0) || Double.isInfinite(multiplierNode.doubleValue())) {
                throw new InvalidInputException("hyperparameters.learning_rate_multiplier must be a positive number");
            }
            multiplier = multiplierNode.doubleValue();
        }
        OptimizerType optimizer = choice(node, "optimizer", OptimizerType.values(), type -> type.wireName, OptimizerType.SGD);
        LearningRateSchedule schedule = choice(node, "lr_schedule", LearningRateSchedule.values(),
                candidate -> candidate.wireName, LearningRateSchedule.CONSTANT);
        int patience = positiveInt(node, "hyperparameters.", "early_stopping_patience", EARLY_STOPPING_OFF);
        return new Hyperparameters(epochs, batchSize, multiplier, optimizer, schedule, patience);
    }

    /** One of {@code values} by its wire name; {@code defaultValue} when the field is absent or null. */
    private static <E extends Enum<E>> E choice(JsonNode parent, String field, E[] values, Function<E, String> wireName,
                                                E defaultValue) {
        JsonNode node = parent.get(field);
        if (isAbsent(node)) {
            return defaultValue;
        }
        List<String> names = Arrays.stream(values).map(wireName).toList();
        return Arrays.stream(values)
                .filter(candidate -> node.isTextual() && wireName.apply(candidate).equals(node.textValue()))
                .findFirst()
                .orElseThrow(() -> new InvalidInputException(
                        "hyperparameters." + field + " must be one of " + names + ", not " + node));
    }

    private static PrivacySpec privacy(JsonNode node) {
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidInputException("privacy must be an object or null");
        }
        double epsilon = requiredNumber(node, "target_epsilon");
        double delta = requiredNumber(node, "target_delta");
        double maxGradNorm = requiredNumber(node, "max_grad_norm");
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new InvalidInputException("privacy.target_epsilon must be a positive number");
        }
        if (!(delta > 0 && delta < 1)) {
            throw new InvalidInputException("privacy.target_delta must be between 0 and 1 (exclusive)");
        }
        if (!(maxGradNorm > 0) || Double.isInfinite(maxGradNorm)) {
            throw new InvalidInputException("privacy.max_grad_norm must be a positive number");
        }
        return new PrivacySpec(epsilon, delta, maxGradNorm);
    }

    private static long seed(JsonNode node) {
        if (isAbsent(node)) {
            return 0;
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new InvalidInputException("seed must be an integer");
        }
        return node.longValue();
    }

    /** @param prefix the path of {@code parent} in messages, with its dot; empty at the top level */
    private static int positiveInt(JsonNode parent, String prefix, String field, int defaultValue) {
        JsonNode node = parent.get(field);
        if (isAbsent(node)) {
            return defaultValue;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 1) {
            throw new InvalidInputException(prefix + field + " must be a positive integer");
        }
        return node.intValue();
    }

    private static double requiredNumber(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (isAbsent(node) || !node.isNumber()) {
            throw new InvalidInputException("privacy." + field + " must be a number");
        }
        return node.doubleValue();
    }

    private static Path existingFile(JsonNode root, String field, Path base, boolean required) {
        Path file = path(root, field, base, required);
        if (file != null && !Files.isRegularFile(file)) {
            throw new InvalidInputException(field + " " + file + " does not exist or is not a file");
        }
        return file;
    }

    /** Relative paths are taken relative to the spec's folder, where the orchestrator puts the job's files. */
    private static Path path(JsonNode root, String field, Path base, boolean required) {
        String text = required ? requiredText(root, field, field) : optionalText(root, field);
        return text == null ? null : base.resolve(text).normalize();
    }

    private static String requiredText(JsonNode parent, String field, String fieldPath) {
        JsonNode node = parent.get(field);
        if (isAbsent(node) || !node.isTextual() || node.textValue().isBlank()) {
            throw new InvalidInputException(fieldPath + " is required (a non-empty string)");
        }
        return node.textValue();
    }

    private static String optionalText(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (isAbsent(node)) {
            return null;
        }
        if (!node.isTextual() || node.textValue().isBlank()) {
            throw new InvalidInputException(field + " must be a non-empty string or null");
        }
        return node.textValue();
    }

    private static boolean isAbsent(JsonNode node) {
        return node == null || node.isNull();
    }
}
