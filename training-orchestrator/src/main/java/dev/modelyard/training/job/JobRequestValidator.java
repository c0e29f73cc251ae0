package dev.modelyard.training.job;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.training.executor.TrainerResources;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Checks a job request field by field, naming every field at fault at once, and fills in the defaults. */
public final class JobRequestValidator {

    static final int DEFAULT_EPOCHS = 5;
    static final int DEFAULT_BATCH_SIZE = 32;
    static final double DEFAULT_LEARNING_RATE_MULTIPLIER = 1.0;
    static final double DEFAULT_TARGET_DELTA = 1e-5;
    static final double DEFAULT_MAX_GRAD_NORM = 1.0;
    static final List<Integer> DEFAULT_HIDDEN_LAYERS = List.of(32, 16);
    static final int MAX_HIDDEN_LAYERS = 8;
    static final int MAX_LAYER_SIZE = 4096;

    private static final Pattern FILE_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");
    private static final int MAX_COLUMNS = 1000;
    /** Lower-case and starting with a letter or digit: the suffix becomes the registered model's name. */
    private static final Pattern SUFFIX = Pattern.compile("[a-z0-9][a-z0-9-]{0,39}");
    private static final SecureRandom SEEDS = new SecureRandom();

    private final List<FieldError> errors = new ArrayList<>();

    private JobRequestValidator() {
    }

    /**
     * @param gpuTypes the GPU types the executor can give a trainer
     * @throws PlatformException 400 naming each invalid field
     */
    public static JobSettings validate(CreateJobRequest request, Set<String> gpuTypes) {
        return new JobRequestValidator().check(request, gpuTypes);
    }

    private JobSettings check(CreateJobRequest request, Set<String> gpuTypes) {
        ModelReference model = null;
        if (request.model() == null || request.model().isBlank()) {
            reject("model", "is required");
        } else {
            model = ModelReference.parse(request.model()).orElse(null);
            if (model == null) {
                reject("model", "must be " + ModelReference.FROM_SCRATCH
                        + " or a model of yours: name, name@alias or name@version");
            }
        }
        if (request.trainingFile() == null) {
            reject("training_file", "is required");
        } else {
            checkFileId("training_file", request.trainingFile());
        }
        if (request.validationFile() != null) {
            checkFileId("validation_file", request.validationFile());
        }
        if (request.labelColumn() == null || request.labelColumn().isBlank()) {
            reject("label_column", "is required");
        } else if (request.labelColumn().length() > 200) {
            reject("label_column", "must be at most 200 characters");
        }
        if (request.suffix() != null && !SUFFIX.matcher(request.suffix()).matches()) {
            reject("suffix", "must be 1 to 40 of a-z, 0-9 and '-', starting with a letter or digit");
        }
        if (request.seed() != null && request.seed() < 0) {
            reject("seed", "must not be negative");
        }
        ColumnChoice columns = columns(request);
        Hyperparameters hyperparameters = hyperparameters(request.hyperparameters());
        PrivacySettings privacy = privacy(request.privacy());
        Method method = method(request.method(), model);
        checkResources(request.resources(), gpuTypes);
        if (!errors.isEmpty()) {
            throw PlatformException.badRequest("The request has invalid fields", errors.toArray(FieldError[]::new));
        }
        long seed = request.seed() != null ? request.seed() : SEEDS.nextInt(Integer.MAX_VALUE);
        return new JobSettings(model, request.trainingFile(), request.validationFile(), hyperparameters,
                request.suffix(), seed, privacy, request.labelColumn(), columns, method, request.resources());
    }

    private Hyperparameters hyperparameters(CreateJobRequest.HyperparametersInput input) {
        CreateJobRequest.HyperparametersInput given = input != null ? input
                : new CreateJobRequest.HyperparametersInput(null, null, null, null, null, null);
        int epochs = given.nEpochs() != null ? given.nEpochs() : DEFAULT_EPOCHS;
        int batchSize = given.batchSize() != null ? given.batchSize() : DEFAULT_BATCH_SIZE;
        double multiplier = given.learningRateMultiplier() != null ? given.learningRateMultiplier()
                : DEFAULT_LEARNING_RATE_MULTIPLIER;
        if (epochs < 1 || epochs > 100) {
            reject("hyperparameters.n_epochs", "must be between 1 and 100");
        }
        if (batchSize < 1 || batchSize > 4096) {
            reject("hyperparameters.batch_size", "must be between 1 and 4096");
        }
        if (!(multiplier > 0 && multiplier <= 10)) {
            reject("hyperparameters.learning_rate_multiplier", "must be greater than 0 and at most 10");
        }
        if (given.optimizer() != null && !Hyperparameters.OPTIMIZERS.contains(given.optimizer())) {
            reject("hyperparameters.optimizer", "must be one of " + Hyperparameters.OPTIMIZERS);
        }
        if (given.lrSchedule() != null && !Hyperparameters.LR_SCHEDULES.contains(given.lrSchedule())) {
            reject("hyperparameters.lr_schedule", "must be one of " + Hyperparameters.LR_SCHEDULES);
        }
        if (given.earlyStoppingPatience() != null && given.earlyStoppingPatience() < 1) {
            reject("hyperparameters.early_stopping_patience", "must be at least 1");
        }
        return new Hyperparameters(epochs, batchSize, multiplier, given.optimizer(), given.lrSchedule(),
                given.earlyStoppingPatience());
    }

    private PrivacySettings privacy(CreateJobRequest.PrivacyInput input) {
        if (input == null) {
            return null;
        }
        double delta = input.targetDelta() != null ? input.targetDelta() : DEFAULT_TARGET_DELTA;
        double clip = input.maxGradNorm() != null ? input.maxGradNorm() : DEFAULT_MAX_GRAD_NORM;
        if (input.targetEpsilon() == null) {
            reject("privacy.target_epsilon", "is required for private training");
        } else if (!(input.targetEpsilon() > 0) || input.targetEpsilon().isInfinite()) {
            reject("privacy.target_epsilon", "must be greater than 0");
        }
        if (!(delta > 0 && delta < 1)) {
            reject("privacy.target_delta", "must be greater than 0 and less than 1");
        }
        if (!(clip > 0) || Double.isInfinite(clip)) {
            reject("privacy.max_grad_norm", "must be greater than 0");
        }
        return new PrivacySettings(input.targetEpsilon() == null ? 0 : input.targetEpsilon(), delta, clip);
    }

    /** @param model null when the model field itself is invalid */
    private Method method(CreateJobRequest.MethodInput input, ModelReference model) {
        String type = input == null || input.type() == null ? Method.LOGISTIC_REGRESSION : input.type();
        List<Integer> layers = input == null ? null : input.hiddenLayers();
        Integer freezeLayers = input == null ? null : input.freezeLayers();
        Method method = switch (type) {
            case Method.LOGISTIC_REGRESSION -> {
                if (layers != null && !layers.isEmpty()) {
                    reject("method.hidden_layers", "only an mlp has hidden layers");
                }
                yield new Method(Method.LOGISTIC_REGRESSION, List.of(), freezeLayers);
            }
            case Method.MLP -> new Method(Method.MLP, hiddenLayers(layers), freezeLayers);
            default -> {
                reject("method.type", "must be " + Method.LOGISTIC_REGRESSION + " or " + Method.MLP);
                yield null;
            }
        };
        if (method != null && freezeLayers != null) {
            checkFreezeLayers(method, model);
        }
        return method;
    }

    /** Only a registered model has trained layers to keep, and the output layer must be left to learn. */
    private void checkFreezeLayers(Method method, ModelReference model) {
        if (method.freezeLayers() < 0) {
            reject("method.freeze_layers", "must not be negative");
        } else if (method.freezeLayers() >= method.layers()) {
            reject("method.freeze_layers", "must be less than the model's " + method.layers() + " layers");
        } else if (method.freezeLayers() > 0 && (model == null || model.isFromScratch())) {
            reject("method.freeze_layers", "needs a registered base model as model");
        }
    }

    private List<Integer> hiddenLayers(List<Integer> layers) {
        if (layers == null || layers.isEmpty()) {
            return DEFAULT_HIDDEN_LAYERS;
        }
        if (layers.size() > MAX_HIDDEN_LAYERS) {
            reject("method.hidden_layers", "must have at most " + MAX_HIDDEN_LAYERS + " layers");
        }
        if (layers.stream().anyMatch(size -> size == null || size < 1 || size > MAX_LAYER_SIZE)) {
            reject("method.hidden_layers", "sizes must be between 1 and " + MAX_LAYER_SIZE);
        }
        return layers;
    }

    private void checkResources(TrainerResources resources, Set<String> gpuTypes) {
        if (resources == null) {
            return;
        }
        if (resources.gpus() != null && (resources.gpus() < 0 || resources.gpus() > TrainerResources.MAX_GPUS)) {
            reject("resources.gpus", "must be between 0 and " + TrainerResources.MAX_GPUS);
        }
        if (resources.gpuType() != null && !gpuTypes.contains(resources.gpuType())) {
            reject("resources.gpu_type", gpuTypes.isEmpty() ? "cannot be chosen: trainers here run without GPUs"
                    : "must be one of " + gpuTypes.stream().sorted().toList());
        }
    }

    private ColumnChoice columns(CreateJobRequest request) {
        Set<String> named = new HashSet<>();
        checkColumns("categorical_columns", request.categoricalColumns(), request.labelColumn(), named);
        checkColumns("excluded_columns", request.excludedColumns(), request.labelColumn(), named);
        return new ColumnChoice(request.categoricalColumns(),
                request.excludedColumns() == null ? List.of() : request.excludedColumns());
    }

    /** Each name at most once across both lists, and never the label column. */
    private void checkColumns(String field, List<String> columns, String labelColumn, Set<String> named) {
        if (columns == null) {
            return;
        }
        if (columns.size() > MAX_COLUMNS) {
            reject(field, "must name at most " + MAX_COLUMNS + " columns");
            return;
        }
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            if (column == null || column.isBlank() || column.length() > 200) {
                reject(field + "." + i, "must be a column name of 1 to 200 characters");
            } else if (column.equals(labelColumn)) {
                reject(field + "." + i, "'" + column + "' is the label_column");
            } else if (!named.add(column)) {
                reject(field + "." + i, "'" + column + "' is named twice (categorical_columns and excluded_columns must not overlap)");
            }
        }
    }

    private void checkFileId(String field, String id) {
        if (!FILE_ID.matcher(id).matches()) {
            reject(field, "must be a file id such as file-abc123");
        }
    }

    private void reject(String field, String message) {
        errors.add(FieldError.field(field, message));
    }
}
