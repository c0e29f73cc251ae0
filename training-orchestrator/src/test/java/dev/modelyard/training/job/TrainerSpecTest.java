package dev.modelyard.training.job;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainerSpecTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesTheSpecExactlyAsTheTrainerContractLaysItOut() throws Exception {
        FineTuningJob job = job();
        job.privacy = new PrivacySettings(3.0, 1e-5, 1.0);
        Path dir = Path.of("/work", job.id);
        String spec = TrainerSpec.of(job, dir.resolve("train.csv"), null, null, dir.resolve("output")).toString();
        assertThat(JSON.readTree(spec)).isEqualTo(JSON.readTree("""
                {
                  "job_id": "ftjob-01JDC3Z8K5R2V7M4Q9X1T6B3NE",
                  "training_file": "/work/ftjob-01JDC3Z8K5R2V7M4Q9X1T6B3NE/train.csv",
                  "validation_file": null,
                  "label_column": "churned",
                  "categorical_columns": null,
                  "excluded_columns": [],
                  "model": {"type": "logistic_regression", "hidden_layers": []},
                  "base_model": null,
                  "freeze_layers": 0,
                  "hyperparameters": {"n_epochs": 5, "batch_size": 32, "learning_rate_multiplier": 1.0,
                                      "optimizer": "sgd", "lr_schedule": "constant", "early_stopping_patience": null},
                  "seed": 42,
                  "privacy": {"target_epsilon": 3.0, "target_delta": 1e-5, "max_grad_norm": 1.0},
                  "output_dir": "/work/ftjob-01JDC3Z8K5R2V7M4Q9X1T6B3NE/output"
                }
                """));
    }

    @Test
    void plainTrainingHasNullPrivacyAndAnMlpListsItsLayersAndOptionalSettings() {
        FineTuningJob job = job();
        job.method = new Method(Method.MLP, List.of(32, 16), 1);
        job.hyperparameters = new Hyperparameters(5, 32, 1.0, Hyperparameters.ADAM, Hyperparameters.COSINE, 2);
        var spec = TrainerSpec.of(job, Path.of("/w/train.jsonl"), Path.of("/w/validation.csv"),
                Path.of("/w/base_model.onnx"), Path.of("/w/output"));
        assertThat(spec.get("privacy").isNull()).isTrue();
        assertThat(spec.get("model").get("hidden_layers").toString()).isEqualTo("[32,16]");
        assertThat(spec.get("validation_file").asText()).isEqualTo("/w/validation.csv");
        assertThat(spec.get("base_model").asText()).isEqualTo("/w/base_model.onnx");
        assertThat(spec.get("freeze_layers").asInt()).isEqualTo(1);
        assertThat(spec.get("hyperparameters").get("optimizer").asText()).isEqualTo("adam");
        assertThat(spec.get("hyperparameters").get("lr_schedule").asText()).isEqualTo("cosine");
        assertThat(spec.get("hyperparameters").get("early_stopping_patience").asInt()).isEqualTo(2);
    }

    @Test
    void passesTheJobsChoiceOfColumns() {
        FineTuningJob job = job();
        job.columns = new ColumnChoice(List.of("plan", "region"), List.of("customer_id"));
        var spec = TrainerSpec.of(job, Path.of("/w/train.csv"), null, null, Path.of("/w/output"));
        assertThat(spec.get("categorical_columns").toString()).isEqualTo("[\"plan\",\"region\"]");
        assertThat(spec.get("excluded_columns").toString()).isEqualTo("[\"customer_id\"]");
    }

    @Test
    void registersTheVersionWithItsLineage() throws Exception {
        FineTuningJob job = job();
        job.baseModelName = "churn";
        job.baseModelVersion = 3;
        var body = VersionRegistration.of(job, "ab".repeat(32), JSON.readTree("{\"inputs\":[]}"),
                JSON.readTree("{\"accuracy\":0.9,\"epsilon\":2.5,\"delta\":1e-5}"));
        assertThat(JSON.readTree(body.toString())).isEqualTo(JSON.readTree("""
                {
                  "artifact_sha256": "%s",
                  "format": "onnx",
                  "signature": {"inputs": []},
                  "metrics": {"accuracy": 0.9, "epsilon": 2.5, "delta": 1e-5},
                  "lineage": {"job_id": "ftjob-01JDC3Z8K5R2V7M4Q9X1T6B3NE", "training_file": "file-1",
                              "validation_file": null, "base_model": "churn@3", "epsilon": 2.5, "delta": 1e-5},
                  "create_model": true
                }
                """.formatted("ab".repeat(32))));
    }

    @Test
    void namesTheRegisteredModelAfterTheSuffixTheBaseModelOrTheJob() {
        FineTuningJob job = job();
        assertThat(job.registeredModelName()).isEqualTo("tabular-classifier-x1t6b3ne");
        job.baseModelName = "churn";
        assertThat(job.registeredModelName()).isEqualTo("churn");
        job.suffix = "churn-eu";
        assertThat(job.registeredModelName()).isEqualTo("churn-eu");
    }

    private static FineTuningJob job() {
        FineTuningJob job = new FineTuningJob();
        job.id = "ftjob-01JDC3Z8K5R2V7M4Q9X1T6B3NE";
        job.trainingFile = "file-1";
        job.labelColumn = "churned";
        job.method = new Method(Method.LOGISTIC_REGRESSION, List.of(), 0);
        job.hyperparameters = new Hyperparameters(5, 32, 1.0, null, null, null);
        job.seed = 42;
        return job;
    }
}
