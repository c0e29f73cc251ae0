package dev.modelyard.training.job;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.training.FakeServicesResource;
import dev.modelyard.training.JobApi;
import dev.modelyard.training.FakeTrainer;
import dev.modelyard.training.executor.TrainerHandle;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_training"))
@QuarkusTestResource(value = FakeServicesResource.class, restrictToAnnotatedClass = false)
class FineTuningJobResourceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @ConfigProperty(name = "modelyard.training.services.registry")
    String fakeServices;

    @ConfigProperty(name = "modelyard.training.work-dir")
    String workDir;

    @Test
    void trainsAModelAndRegistersItAsANewVersion() throws Exception {
        String id = create("acme", Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE,
                "label_column", "churned", "suffix", "churn-dp", "seed", 42,
                "hyperparameters", Map.of("n_epochs", 3), "privacy", Map.of("target_epsilon", 3.0)))
                .body("object", equalTo("fine_tuning.job"))
                .body("status", equalTo("validating_files"))
                .body("organization_id", equalTo("acme"))
                .body("hyperparameters.n_epochs", equalTo(3))
                .body("hyperparameters.batch_size", equalTo(32))
                .body("hyperparameters.learning_rate_multiplier", equalTo(1.0f))
                .body("hyperparameters.optimizer", equalTo("sgd"))
                .body("hyperparameters.lr_schedule", equalTo("constant"))
                .body("hyperparameters.early_stopping_patience", nullValue())
                .body("method.freeze_layers", equalTo(0))
                .body("privacy.target_delta", equalTo(1e-5f))
                .body("privacy.max_grad_norm", equalTo(1.0f))
                .body("method.type", equalTo("logistic_regression"))
                .body("$", hasKey("fine_tuned_model"))
                .body("$", hasKey("error"))
                .body("$", hasKey("finished_at"))
                .body("fine_tuned_model", nullValue())
                .body("error", nullValue())
                .extract().path("id");
        assertThat(id).startsWith("ftjob-");

        JobApi.awaitStatus("acme", id, "succeeded")
                .body("fine_tuned_model", equalTo("churn-dp@1"))
                .body("trained_rows", equalTo(4))
                .body("privacy.epsilon_spent", equalTo((float) FakeTrainer.EPSILON))
                .body("finished_at", notNullValue())
                .body("result_files", equalTo(List.of()));

        JsonNode spec = JSON.readTree(Path.of(workDir, id, "spec.json").toFile());
        assertThat(spec.get("job_id").asText()).isEqualTo(id);
        assertThat(spec.get("training_file").asText()).endsWith(id + "/train.csv");
        assertThat(spec.get("validation_file").isNull()).isTrue();
        assertThat(spec.get("base_model").isNull()).isTrue();
        assertThat(spec.get("label_column").asText()).isEqualTo("churned");
        assertThat(spec.get("model").toString()).isEqualTo("{\"type\":\"logistic_regression\",\"hidden_layers\":[]}");
        assertThat(spec.get("seed").asLong()).isEqualTo(42);
        assertThat(spec.get("privacy").get("target_epsilon").asDouble()).isEqualTo(3.0);
        assertThat(spec.get("output_dir").asText()).endsWith(id + "/output");
        assertThat(Files.readString(Path.of(workDir, id, "train.csv"))).isEqualTo(FakeServicesResource.CSV);

        JsonNode registration = registrationOf(id);
        assertThat(registration.get("name").asText()).isEqualTo("churn-dp");
        assertThat(registration.get("subject").asText()).isEqualTo("service:training-orchestrator");
        assertThat(registration.get("tenant").asText()).isEqualTo("acme");
        JsonNode body = registration.get("body");
        assertThat(body.get("format").asText()).isEqualTo("onnx");
        assertThat(body.get("create_model").asBoolean()).isTrue();
        assertThat(body.get("artifact_sha256").asText()).hasSize(64);
        assertThat(body.get("signature").get("class_labels").toString()).isEqualTo("[\"no\",\"yes\"]");
        assertThat(body.get("metrics").get("accuracy").asDouble()).isEqualTo(0.75);
        assertThat(body.get("lineage").get("training_file").asText()).isEqualTo(FakeServicesResource.TRAINING_FILE);
        assertThat(body.get("lineage").get("epsilon").asDouble()).isEqualTo(FakeTrainer.EPSILON);
        assertThat(body.get("lineage").get("base_model").isNull()).isTrue();

        JsonNode contentDownload = fakeServicesGet("/_test/calls").findParents("path").stream()
                .filter(call -> call.get("path").asText().equals("/v1/files/" + FakeServicesResource.TRAINING_FILE + "/content"))
                .findFirst().orElseThrow();
        assertThat(contentDownload.get("subject").asText()).isEqualTo("service:training-orchestrator");

        List<Map<String, Object>> events = given().header("Authorization", TestTokens.bearerAdmin("acme"))
                .get("/v1/fine_tuning/jobs/" + id + "/events?limit=100")
                .then().statusCode(200).body("object", equalTo("list"))
                .body("data[0].message", equalTo("New fine-tuned model created: churn-dp@1"))
                .extract().path("data");
        assertThat(events).extracting(event -> event.get("object")).containsOnly("fine_tuning.job.event");
        assertThat(events).filteredOn(event -> "metrics".equals(event.get("type")))
                .extracting(event -> (Object) ((Map<?, ?>) event.get("data")).get("epoch")).contains(1, 2, 3);
        assertThat(events).extracting(event -> event.get("message")).contains("Created fine-tuning job: " + id,
                "Files downloaded; the job is queued", "Fine-tuning job started", "Training completed");
        assertThat(events.get(events.size() - 1).get("message")).isEqualTo("Created fine-tuning job: " + id);

        String after = (String) events.get(1).get("id");
        given().header("Authorization", TestTokens.bearerAdmin("acme"))
                .get("/v1/fine_tuning/jobs/" + id + "/events?limit=1&after=" + after)
                .then().statusCode(200).body("data.id", equalTo(List.of(events.get(2).get("id"))))
                .body("has_more", equalTo(true));
    }

    @Test
    void continuesFromTheRegisteredVersionItsReferenceNames() throws Exception {
        String id = create("acme", Map.of("model", FakeServicesResource.BASE_MODEL + "@staging", "label_column", "churned",
                "training_file", FakeServicesResource.TRAINING_FILE, "validation_file", FakeServicesResource.VALIDATION_FILE,
                "method", Map.of("type", "mlp", "hidden_layers", List.of(8), "freeze_layers", 1),
                "hyperparameters", Map.of("optimizer", "adam", "lr_schedule", "cosine", "early_stopping_patience", 2)))
                .body("model", equalTo("churn@staging"))
                .body("method.hidden_layers", equalTo(List.of(8)))
                .body("method.freeze_layers", equalTo(1))
                .body("hyperparameters.optimizer", equalTo("adam"))
                .body("hyperparameters.lr_schedule", equalTo("cosine"))
                .body("hyperparameters.early_stopping_patience", equalTo(2))
                .body("privacy", nullValue())
                .extract().path("id");
        String fineTuned = JobApi.awaitStatus("acme", id, "succeeded").extract().path("fine_tuned_model");
        assertThat(fineTuned).startsWith(FakeServicesResource.BASE_MODEL + "@");
        JsonNode lineage = registrationOf(id).get("body").get("lineage");
        assertThat(lineage.get("base_model").asText()).isEqualTo("churn@1");
        assertThat(lineage.get("validation_file").asText()).isEqualTo(FakeServicesResource.VALIDATION_FILE);
        assertThat(Path.of(workDir, id, "base_model.onnx")).hasContent("base onnx");
        JsonNode spec = JSON.readTree(Path.of(workDir, id, "spec.json").toFile());
        assertThat(spec.get("freeze_layers").asInt()).isEqualTo(1);
        assertThat(spec.get("hyperparameters").get("optimizer").asText()).isEqualTo("adam");
        assertThat(spec.get("hyperparameters").get("lr_schedule").asText()).isEqualTo("cosine");
        assertThat(spec.get("hyperparameters").get("early_stopping_patience").asInt()).isEqualTo(2);

        refused("acme", Map.of("model", "churn@9", "training_file", FakeServicesResource.TRAINING_FILE,
                "label_column", "churned"), "model");
        refused("acme", Map.of("model", "churn@canary", "training_file", FakeServicesResource.TRAINING_FILE,
                "label_column", "churned"), "model");
        refused("acme", Map.of("model", "gpt-4o", "training_file", FakeServicesResource.TRAINING_FILE,
                "label_column", "churned"), "model");
    }

    @Test
    void refusesInvalidRequestsNamingTheField() {
        Map<String, Object> valid = Map.of("model", "tabular-classifier", "training_file",
                FakeServicesResource.TRAINING_FILE, "label_column", "churned");
        refused("acme", Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE),
                "label_column");
        refused("acme", with(valid, "hyperparameters", Map.of("n_epochs", 0)), "hyperparameters.n_epochs");
        refused("acme", with(valid, "hyperparameters", Map.of("batch_size", 5000)), "hyperparameters.batch_size");
        refused("acme", with(valid, "suffix", "Not A Name"), "suffix");
        refused("acme", with(valid, "privacy", Map.of("target_epsilon", 1.0, "target_delta", 1.0)), "privacy.target_delta");
        refused("acme", with(valid, "method", Map.of("type", "svm")), "method.type");
        refused("acme", with(valid, "hyperparameters", Map.of("optimizer", "rmsprop")), "hyperparameters.optimizer");
        refused("acme", with(valid, "hyperparameters", Map.of("lr_schedule", "step")), "hyperparameters.lr_schedule");
        refused("acme", with(valid, "hyperparameters", Map.of("early_stopping_patience", 0)),
                "hyperparameters.early_stopping_patience");
        refused("acme", with(valid, "method", Map.of("type", "mlp", "freeze_layers", 1)), "method.freeze_layers");
        refused("acme", with(valid, "model", "a@b@c"), "model");
        refused("acme", with(valid, "training_file", "file-nowhere"), "training_file");
        refused("acme", with(valid, "training_file", FakeServicesResource.OTHER_PURPOSE_FILE), "training_file");
        refused("acme", with(valid, "validation_file", "file-nowhere"), "validation_file");
        given().header("Authorization", TestTokens.bearerAdmin("acme")).contentType(ContentType.JSON)
                .body("{\"hyperparameters\":{\"n_epochs\":\"many\"}}").post("/v1/fine_tuning/jobs")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("hyperparameters.n_epochs"));
    }

    @Test
    void cancellingKillsTheTrainer() throws Exception {
        String id = createSleeper("acme");
        long pid = awaitTrainerPid("acme", id);
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).contains(true);

        given().header("Authorization", TestTokens.bearerAdmin("acme")).post("/v1/fine_tuning/jobs/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("cancelled")).body("finished_at", notNullValue());
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();

        given().header("Authorization", TestTokens.bearerAdmin("acme")).post("/v1/fine_tuning/jobs/" + id + "/cancel")
                .then().statusCode(409).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/fine_tuning/jobs/" + id + "/events")
                .then().statusCode(200).body("data[0].message", equalTo("Fine-tuning job cancelled"));
    }

    @Test
    void aTrainerThatRefusesItsInputFailsTheJobWithItsMessage() {
        String id = create("acme", Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE,
                "label_column", FakeTrainer.INVALID)).extract().path("id");
        JobApi.awaitStatus("acme", id, "failed")
                .body("error.code", equalTo("invalid_input"))
                .body("error.message", equalTo(FakeTrainer.INVALID_MESSAGE))
                .body("fine_tuned_model", nullValue());
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/fine_tuning/jobs/" + id + "/events")
                .then().statusCode(200).body("data[0].level", equalTo("error"))
                .body("data[0].message", equalTo(FakeTrainer.INVALID_MESSAGE));
    }

    @Test
    void aTrainerThatLeavesAnInvalidSignatureFailsTheJobWithoutRegisteringIt() {
        String id = create("acme", Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE,
                "label_column", FakeTrainer.BAD_SIGNATURE)).extract().path("id");
        JobApi.awaitStatus("acme", id, "failed")
                .body("error.code", equalTo("invalid_trainer_output"))
                .body("error.message", containsString("signature.json inputs[0].datatype \"FLOAT\" is not a KServe datatype"))
                .body("fine_tuned_model", nullValue());
        assertThat(fakeServicesGet("/_test/registrations"))
                .noneMatch(registration -> registration.get("body").get("lineage").get("job_id").asText().equals(id));
    }

    @Test
    void aTrainerThatDiesWithoutAFinalLineFailsTheJob() throws Exception {
        String id = createSleeper("acme");
        long pid = awaitTrainerPid("acme", id);
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        JobApi.awaitStatus("acme", id, "failed")
                .body("error.code", equalTo("failed"))
                .body("error.message", startsWith("The trainer exited with code"));
    }

    @Test
    void settlesJobsWhoseTrainerEndedWhileTheOrchestratorWasDown() throws Exception {
        String completed = createSleeper("acme");
        String unfinished = createSleeper("acme");
        long firstSleeper = awaitTrainerPid("acme", completed);
        long secondSleeper = awaitTrainerPid("acme", unfinished);
        Path folder = Path.of(workDir, completed);
        Files.createDirectories(folder.resolve("output"));
        Files.writeString(folder.resolve("output/model.onnx"), "onnx");
        Files.writeString(folder.resolve("output/signature.json"), """
                {"inputs": [{"name": "features", "datatype": "FP32", "shape": [-1, 2]}],
                 "outputs": [{"name": "label", "datatype": "BYTES", "shape": [-1]}]}""");
        Files.writeString(folder.resolve("output/metrics.json"), "{\"epsilon\":1.0}");
        Files.writeString(folder.resolve("progress.jsonl"), "{\"type\":\"completed\",\"epsilon\":1.0}\n",
                StandardOpenOption.APPEND);
        try {
            // As after a restart: the recorded trainers are processes this orchestrator never started, now gone.
            pointAtTrainer("acme", completed, endedProcess());
            pointAtTrainer("acme", unfinished, endedProcess());
            JobApi.awaitStatus("acme", completed, "succeeded").body("fine_tuned_model", startsWith("tabular-classifier-"));
            JobApi.awaitStatus("acme", unfinished, "failed")
                    .body("error.message", equalTo("The trainer stopped while the orchestrator was not running"));
        } finally {
            ProcessHandle.of(firstSleeper).ifPresent(ProcessHandle::destroyForcibly);
            ProcessHandle.of(secondSleeper).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void reattachesToATrainerStillRunningAfterARestart() throws Exception {
        String id = createSleeper("acme");
        long ownSleeper = awaitTrainerPid("acme", id);
        Process survivor = new ProcessBuilder("sleep", "30").start();
        try {
            pointAtTrainer("acme", id, identityOf(survivor));
            ProcessHandle.of(ownSleeper).ifPresent(FineTuningJobResourceTest::kill);
            // Several polls go by after the first trainer is gone: the job stays running while the adopted one lives.
            Thread.sleep(500);
            JobApi.awaitStatus("acme", id, "running");
            survivor.destroyForcibly().waitFor();
            JobApi.awaitStatus("acme", id, "failed")
                    .body("error.message", equalTo("The trainer stopped without reporting completion"));
        } finally {
            survivor.destroyForcibly();
        }
    }

    @Test
    void anotherTenantSeesNothingAndCancelsNothing() throws Exception {
        String id = createSleeper("acme");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/fine_tuning/jobs/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).post("/v1/fine_tuning/jobs/" + id + "/cancel")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/fine_tuning/jobs/" + id + "/events")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/fine_tuning/jobs")
                .then().statusCode(200).body("data.id", not(hasItem(id)));
        given().header("Authorization", "Bearer " + TestTokens.member("acme")).get("/v1/fine_tuning/jobs")
                .then().statusCode(200).body("data.id", hasItem(id));

        try (Connection connection = DriverManager.getConnection(jdbcUrl, "training_app", PostgresResource.PASSWORD)) {
            assertThat(count(connection, "select count(*) from training.fine_tuning_job")).isZero();
            assertThat(count(connection, "select count(*) from training.fine_tuning_job_event")).isZero();
        }
        given().header("Authorization", TestTokens.bearerAdmin("acme")).post("/v1/fine_tuning/jobs/" + id + "/cancel")
                .then().statusCode(200);
    }

    @Test
    void reservesTheTargetBudgetOnCreationAndCommitsWhatTheTrainerSpent() {
        String id = create("budgeted", Map.of("model", "tabular-classifier", "training_file",
                FakeServicesResource.TRAINING_FILE, "label_column", "churned",
                "privacy", Map.of("target_epsilon", 3.0, "target_delta", 1e-6)))
                .body("privacy.budget_reservation", startsWith("pbres-"))
                .extract().path("id");
        JsonNode reservation = reservationOf(id).orElseThrow();
        assertThat(reservation.get("tenant").asText()).isEqualTo("budgeted");
        assertThat(reservation.get("file").asText()).isEqualTo(FakeServicesResource.TRAINING_FILE);
        assertThat(reservation.get("epsilon").asDouble()).isEqualTo(3.0);
        assertThat(reservation.get("delta").asDouble()).isEqualTo(1e-6);
        assertThat(reservation.get("purpose").asText()).isEqualTo("fine-tune");
        // Held for a week (budget-reservation-ttl), longer than a job may queue and train.
        assertThat(reservation.get("ttl_seconds").asLong()).isEqualTo(7 * 24 * 3600);
        // Reserved at creation with the caller's own token.
        assertThat(reservation.get("reserved_by").asText()).isEqualTo("admin@budgeted");

        JobApi.awaitStatus("budgeted", id, "succeeded");
        JsonNode committed = awaitReservation(id, "committed");
        assertThat(committed.get("epsilon_spent").asDouble()).isEqualTo(FakeTrainer.EPSILON);
        assertThat(committed.get("settled_by").asText()).isEqualTo("service:training-orchestrator");
        // The first attempt met a privacy service that was away; the next poll settled it, and nothing asked again.
        assertThat(committed.get("settle_attempts").asInt()).isEqualTo(2);
    }

    @Test
    void refusesAJobTheBudgetCannotCoverAndRefundsWhatACancelledJobHeld() {
        String tenant = "exhausted";
        String holder = create(tenant, privateSleeper(6.0)).extract().path("id");
        given().header("Authorization", TestTokens.bearerAdmin(tenant)).contentType(ContentType.JSON)
                .body(privateSleeper(6.0)).post("/v1/fine_tuning/jobs")
                .then().statusCode(409).contentType("application/problem+json")
                .body("type", equalTo("https://modelyard.dev/problems/budget-exceeded"))
                .body("detail", org.hamcrest.Matchers.containsString("has epsilon 4.0 remaining"));
        given().header("Authorization", TestTokens.bearerAdmin(tenant)).get("/v1/fine_tuning/jobs")
                .then().statusCode(200).body("data.id", equalTo(List.of(holder)));

        given().header("Authorization", TestTokens.bearerAdmin(tenant)).post("/v1/fine_tuning/jobs/" + holder + "/cancel")
                .then().statusCode(200);
        assertThat(awaitReservation(holder, "refunded").get("settled_by").asText())
                .isEqualTo("service:training-orchestrator");
        String next = create(tenant, privateSleeper(6.0)).extract().path("id");
        given().header("Authorization", TestTokens.bearerAdmin(tenant)).post("/v1/fine_tuning/jobs/" + next + "/cancel")
                .then().statusCode(200);
        awaitReservation(next, "refunded");
    }

    @Test
    void refundsTheBudgetOfAFailedJobAndReservesNothingWithoutPrivacy() {
        String failed = create("refunded", Map.of("model", "tabular-classifier", "training_file",
                FakeServicesResource.TRAINING_FILE, "label_column", FakeTrainer.INVALID,
                "privacy", Map.of("target_epsilon", 2.0))).extract().path("id");
        JobApi.awaitStatus("refunded", failed, "failed");
        assertThat(awaitReservation(failed, "refunded").get("epsilon").asDouble()).isEqualTo(2.0);

        String plain = create("refunded", Map.of("model", "tabular-classifier", "training_file",
                FakeServicesResource.TRAINING_FILE, "label_column", "churned")).extract().path("id");
        JobApi.awaitStatus("refunded", plain, "succeeded");
        assertThat(reservationOf(plain)).isEmpty();
    }

    @Test
    void listsNewestFirstInPages() {
        String older = create("paging", Map.of("model", "tabular-classifier", "training_file",
                FakeServicesResource.TRAINING_FILE, "label_column", FakeTrainer.INVALID)).extract().path("id");
        String newer = create("paging", Map.of("model", "tabular-classifier", "training_file",
                FakeServicesResource.TRAINING_FILE, "label_column", FakeTrainer.INVALID)).extract().path("id");
        String last = given().header("Authorization", TestTokens.bearerAdmin("paging")).get("/v1/fine_tuning/jobs?limit=1")
                .then().statusCode(200).body("object", equalTo("list")).body("data.id", equalTo(List.of(newer)))
                .body("has_more", equalTo(true)).extract().path("last_id");
        given().header("Authorization", TestTokens.bearerAdmin("paging")).get("/v1/fine_tuning/jobs?limit=1&after=" + last)
                .then().statusCode(200).body("data.id", equalTo(List.of(older))).body("has_more", equalTo(false));
    }

    private static Map<String, Object> privateSleeper(double targetEpsilon) {
        return Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE,
                "label_column", FakeTrainer.SLEEP, "privacy", Map.of("target_epsilon", targetEpsilon));
    }

    private String createSleeper(String tenant) {
        return create(tenant, Map.of("model", "tabular-classifier", "training_file", FakeServicesResource.TRAINING_FILE,
                "label_column", FakeTrainer.SLEEP)).extract().path("id");
    }

    private static ValidatableResponse create(String tenant, Map<String, Object> body) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant)).contentType(ContentType.JSON).body(body)
                .post("/v1/fine_tuning/jobs").then().statusCode(201);
    }

    private static void refused(String tenant, Map<String, Object> body, String field) {
        given().header("Authorization", TestTokens.bearerAdmin(tenant)).contentType(ContentType.JSON).body(body)
                .post("/v1/fine_tuning/jobs")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(field, value);
        return copy;
    }

    /** The trainer's process id, which the API does not show, straight from the job's row. */
    private long awaitTrainerPid(String tenant, String id) throws Exception {
        JobApi.awaitStatus(tenant, id, "running");
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "training_app", PostgresResource.PASSWORD);
             PreparedStatement query = connection.prepareStatement(
                     "select trainer from training.fine_tuning_job where id = ?")) {
            connection.createStatement().execute("select set_config('modelyard.tenant', '" + tenant + "', false)");
            query.setString(1, id);
            try (ResultSet row = query.executeQuery()) {
                assertThat(row.next()).isTrue();
                return Long.parseLong(row.getString(1));
            }
        }
    }

    /** Kills the process and waits until it has ended, however long a loaded machine takes. */
    private static void kill(ProcessHandle process) {
        process.destroyForcibly();
        process.onExit().orTimeout(60, TimeUnit.SECONDS).join();
    }

    /** Records another process as the job's trainer, the way an earlier orchestrator would have left it. */
    private void pointAtTrainer(String tenant, String id, TrainerHandle trainer) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "training_app", PostgresResource.PASSWORD);
             PreparedStatement update = connection.prepareStatement(
                     "update training.fine_tuning_job set trainer = ?, trainer_started_at = ? where id = ?")) {
            connection.createStatement().execute("select set_config('modelyard.tenant', '" + tenant + "', false)");
            update.setString(1, trainer.trainer());
            update.setTimestamp(2, Timestamp.from(trainer.startedAt()));
            update.setString(3, id);
            assertThat(update.executeUpdate()).isOne();
        }
    }

    private static TrainerHandle identityOf(Process process) {
        return new TrainerHandle(Long.toString(process.pid()),
                process.info().startInstant().orElseThrow().truncatedTo(ChronoUnit.MILLIS));
    }

    /** The identity of a process that has ended. */
    private static TrainerHandle endedProcess() throws Exception {
        Process process = new ProcessBuilder("sleep", "30").start();
        TrainerHandle identity = identityOf(process);
        process.destroyForcibly().waitFor();
        return identity;
    }

    private JsonNode registrationOf(String jobId) {
        for (JsonNode registration : fakeServicesGet("/_test/registrations")) {
            if (registration.get("body").get("lineage").get("job_id").asText().equals(jobId)) {
                return registration;
            }
        }
        throw new AssertionError("No version was registered for " + jobId);
    }

    /** The fake privacy service's reservation made for the job, as it stands now. */
    private Optional<JsonNode> reservationOf(String jobId) {
        for (JsonNode reservation : fakeServicesGet("/_test/reservations")) {
            if (reservation.get("reference").asText().equals(jobId)) {
                return Optional.of(reservation);
            }
        }
        return Optional.empty();
    }

    private JsonNode awaitReservation(String jobId, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() ->
                reservationOf(jobId).filter(reservation -> reservation.get("status").asText().equals(status)).isPresent());
        return reservationOf(jobId).orElseThrow();
    }

    private JsonNode fakeServicesGet(String path) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(fakeServices + path)).build(), HttpResponse.BodyHandlers.ofString());
            return JSON.readTree(response.body());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection connection, String query) throws Exception {
        try (ResultSet rows = connection.createStatement().executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
