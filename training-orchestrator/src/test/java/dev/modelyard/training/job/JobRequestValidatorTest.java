package dev.modelyard.training.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobRequestValidatorTest {

    private static final CreateJobRequest MINIMAL = new CreateJobRequest("tabular-classifier", "file-1", null, null,
            null, null, null, "churned", null, null);

    @Test
    void fillsInTheDefaults() {
        JobSettings settings = JobRequestValidator.validate(MINIMAL, Set.of());
        assertThat(settings.hyperparameters()).isEqualTo(new Hyperparameters(5, 32, 1.0, "sgd", "constant", null));
        assertThat(settings.method()).isEqualTo(new Method("logistic_regression", List.of(), 0));
        assertThat(settings.privacy()).isNull();
        assertThat(settings.seed()).isNotNegative();
        assertThat(settings.model().isFromScratch()).isTrue();

        JobSettings mlp = JobRequestValidator.validate(new CreateJobRequest("churn@2", "file-1", "file-2",
                new CreateJobRequest.HyperparametersInput(10, null, 0.5, null, null, null), "churn-v2", 7L,
                new CreateJobRequest.PrivacyInput(3.0, null, null), "churned",
                new CreateJobRequest.MethodInput("mlp", null, null), null), Set.of());
        assertThat(mlp.hyperparameters()).isEqualTo(new Hyperparameters(10, 32, 0.5, "sgd", "constant", null));
        assertThat(mlp.privacy()).isEqualTo(new PrivacySettings(3.0, 1e-5, 1.0));
        assertThat(mlp.method()).isEqualTo(new Method("mlp", List.of(32, 16), 0));
        assertThat(mlp.seed()).isEqualTo(7);
        assertThat(mlp.model()).isEqualTo(new ModelReference("churn", null, 2));
    }

    @Test
    void namesEveryFieldAtFaultAtOnce() {
        CreateJobRequest request = new CreateJobRequest(null, null, "../x", new CreateJobRequest.HyperparametersInput(
                101, 0, 0.0, "rmsprop", "linear", 0), "-starts-with-dash", -1L, new CreateJobRequest.PrivacyInput(null, 1.0, 0.0), " ",
                new CreateJobRequest.MethodInput("logistic_regression", List.of(4), -1), null);
        assertThat(fieldsAtFault(request)).containsExactlyInAnyOrder("model", "training_file", "validation_file",
                "label_column", "suffix", "seed", "hyperparameters.n_epochs", "hyperparameters.batch_size",
                "hyperparameters.learning_rate_multiplier", "privacy.target_epsilon", "privacy.target_delta",
                "privacy.max_grad_norm", "method.hidden_layers", "hyperparameters.optimizer", "hyperparameters.lr_schedule",
                "hyperparameters.early_stopping_patience", "method.freeze_layers");
    }

    @Test
    void checksTheRangesAtTheirEdges() {
        assertThat(fieldsAtFault(withHyperparameters(100, 4096, 10.0))).isEmpty();
        assertThat(fieldsAtFault(withHyperparameters(1, 1, 0.0001))).isEmpty();
        assertThat(fieldsAtFault(withHyperparameters(null, null, 10.01)))
                .containsExactly("hyperparameters.learning_rate_multiplier");
        assertThat(fieldsAtFault(new CreateJobRequest("tabular-classifier", "file-1", null, null, null, null, null,
                "churned", new CreateJobRequest.MethodInput("mlp", List.of(0, 5000), null), null))).containsExactly("method.hidden_layers");
        assertThat(fieldsAtFault(new CreateJobRequest("tabular-classifier", "file-1", null, null, null, null, null,
                "churned", new CreateJobRequest.MethodInput("forest", null, null), null))).containsExactly("method.type");
    }

    @Test
    void takesTheTrainersOptionalSettings() {
        JobSettings settings = JobRequestValidator.validate(new CreateJobRequest("churn@2", "file-1", null,
                new CreateJobRequest.HyperparametersInput(null, null, null, "adam", "cosine", 3), null, null, null,
                "churned", new CreateJobRequest.MethodInput("mlp", List.of(16, 8), 2), null), Set.of());
        assertThat(settings.hyperparameters()).isEqualTo(new Hyperparameters(5, 32, 1.0, "adam", "cosine", 3));
        assertThat(settings.method()).isEqualTo(new Method("mlp", List.of(16, 8), 2));
    }

    @Test
    void freezesLayersOnlyOfARegisteredModelAndNeverTheOutputLayer() {
        assertThat(fieldsAtFault(withMethod("churn", new CreateJobRequest.MethodInput("mlp", List.of(8), 1)))).isEmpty();
        assertThat(fieldsAtFault(withMethod("churn", new CreateJobRequest.MethodInput("mlp", List.of(8), 2))))
                .containsExactly("method.freeze_layers");
        assertThat(fieldsAtFault(withMethod("tabular-classifier", new CreateJobRequest.MethodInput("mlp", List.of(8), 1))))
                .containsExactly("method.freeze_layers");
        assertThat(fieldsAtFault(withMethod("tabular-classifier", new CreateJobRequest.MethodInput("mlp", List.of(8), 0))))
                .isEmpty();
    }

    private static CreateJobRequest withMethod(String model, CreateJobRequest.MethodInput method) {
        return new CreateJobRequest(model, "file-1", null, null, null, null, null, "churned", method, null);
    }

    private static CreateJobRequest withHyperparameters(Integer epochs, Integer batchSize, Double multiplier) {
        return new CreateJobRequest("tabular-classifier", "file-1", null,
                new CreateJobRequest.HyperparametersInput(epochs, batchSize, multiplier, null, null, null), null, null, null, "churned", null, null);
    }

    private static List<String> fieldsAtFault(CreateJobRequest request) {
        try {
            JobRequestValidator.validate(request, Set.of());
            return List.of();
        } catch (PlatformException e) {
            assertThat(e.status()).isEqualTo(400);
            return e.errors().stream().map(FieldError::field).toList();
        }
    }

    @Test
    void refusesAnUnknownModelForm() {
        assertThatThrownBy(() -> JobRequestValidator.validate(new CreateJobRequest("churn@", "file-1", null, null,
                null, null, null, "churned", null, null), Set.of()))
                .isInstanceOfSatisfying(PlatformException.class,
                        e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("model"));
    }

    @Test
    void resourcesNameAGpuTypeTheExecutorHasAndABoundedCount() {
        CreateJobRequest asking = new CreateJobRequest("tabular-classifier", "file-1", null, null, null, null, null,
                "churned", null, new dev.modelyard.training.executor.TrainerResources("a100", 2));
        assertThat(JobRequestValidator.validate(asking, Set.of("a100")).resources().gpus()).isEqualTo(2);
        assertThatThrownBy(() -> JobRequestValidator.validate(asking, Set.of()))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.errors())
                        .containsExactly(FieldError.field("resources.gpu_type", "cannot be chosen: trainers here run without GPUs")));
        CreateJobRequest tooMany = new CreateJobRequest("tabular-classifier", "file-1", null, null, null, null, null,
                "churned", null, new dev.modelyard.training.executor.TrainerResources(null, 17));
        assertThatThrownBy(() -> JobRequestValidator.validate(tooMany, Set.of("a100")))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.errors())
                        .containsExactly(FieldError.field("resources.gpus", "must be between 0 and 16")));
    }

    @Test
    void columnChoicesNameTheEntryAtFault() {
        CreateJobRequest request = new CreateJobRequest("tabular-classifier", "file-1", null, null, null, null, null,
                "churned", null, null, List.of("plan", "churned", " "), List.of("customer_id", "plan"));
        assertThat(fieldsAtFault(request)).containsExactlyInAnyOrder("categorical_columns.1", "categorical_columns.2",
                "excluded_columns.1");
        JobSettings chosen = JobRequestValidator.validate(new CreateJobRequest("tabular-classifier", "file-1", null,
                null, null, null, null, "churned", null, null, List.of("plan"), null), Set.of());
        assertThat(chosen.columns()).isEqualTo(new ColumnChoice(List.of("plan"), List.of()));
        assertThat(JobRequestValidator.validate(MINIMAL, Set.of()).columns()).isEqualTo(ColumnChoice.TRAINER_RULE);
    }
}
