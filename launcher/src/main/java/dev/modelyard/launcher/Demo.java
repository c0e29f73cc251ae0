package dev.modelyard.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code demo}: the model lifecycle for tenant acme against the running stack, as a client would walk
 * it: Keycloak login, an API key, a dataset with personal data uploaded and anonymized, a fine-tuning
 * job with differential privacy, the registered version, deployment by moving an alias, predictions,
 * usage and its price; then globex must see none of it, and the revoked key must be refused.
 * Every step must hold for the demo to succeed.
 */
final class Demo {

    private static final String CLIENT_ID = "modelyard-cli";
    private static final String DEMO_PASSWORD = "demo";
    private static final String MODEL = "churn";
    private static final int DATASET_ROWS = 3000;
    private static final int LATENCY_SAMPLES = 200;
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(5);

    private final Stack stack;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private String acmeToken;
    private String keyId;
    private String keySecret;
    private String fileId;
    private String jobId;
    private int version;
    /** The registered version's signature: which inputs a prediction must send, in which order. */
    private JsonNode signature;

    private final URI tokenEndpoint;

    Demo(Stack stack) {
        this.stack = stack;
        this.out = stack.out();
        this.tokenEndpoint = URI.create(stack.keycloakUrl() + "/realms/" + KeycloakServer.REALM
                + "/protocol/openid-connect/token");
    }

    int run(boolean allowMissing) throws InterruptedException {
        if (!stack.isReady(URI.create(stack.gatewayUrl() + "/q/health/ready"))) {
            out.println("The gateway is not ready; starting the stack first.");
            int upResult = new Up(stack).run(allowMissing);
            if (upResult != 0) {
                return upResult;
            }
            out.println();
        }
        List<Step> steps = List.of(
                new Step("Log in as acme-admin (Keycloak password grant, client " + CLIENT_ID + ")", this::logInAsAcme),
                new Step("Create an API key: POST /v1/api-keys", this::createApiKey),
                new Step("Upload " + DATASET_ROWS + " customers with personal data: POST /v1/files", this::uploadDataset),
                new Step("Fine-tune with differential privacy (ε = 3): POST /v1/fine_tuning/jobs, then its events", this::fineTune),
                new Step("The registered version: GET /v1/models/" + MODEL + "/versions/{n}", this::showVersion),
                new Step("Deploy it: PUT /v1/models/" + MODEL + "/aliases/production", this::deploy),
                new Step("Predict: POST /v2/models/" + MODEL + "/infer (KServe v2)", this::predict),
                new Step("Usage and its price: GET /v1/usage, GET /v1/invoices/preview", this::usageAndPrice),
                new Step("Log in as globex-admin: none of acme's objects may be visible", this::checkIsolation),
                new Step("Revoke the key: DELETE /v1/api-keys/{id}, then the key must be refused", this::revokeKey));
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            out.printf("[%d/%d] %s%n", index + 1, steps.size(), step.title());
            long start = System.nanoTime();
            try {
                step.action().run().forEach(line -> out.println("      " + line));
                out.printf("      ok (%d ms)%n", elapsedMillis(start));
            } catch (StepFailed failure) {
                out.printf("      FAILED (%d ms): %s%n", elapsedMillis(start), failure.getMessage());
                out.println("The demo stopped at step " + (index + 1) + " of " + steps.size() + ".");
                return 1;
            }
        }
        out.println("All " + steps.size() + " steps hold.");
        return 0;
    }

    private List<String> logInAsAcme() throws InterruptedException {
        acmeToken = logIn("acme-admin");
        String tenant = tenantClaim(acmeToken);
        if (!"acme".equals(tenant)) {
            throw new StepFailed("the token's tenant claim is '" + tenant + "', expected 'acme'");
        }
        return List.of("tenant claim in the access token: " + tenant);
    }

    private List<String> createApiKey() throws InterruptedException {
        Reply reply = expect(201, call("POST", "/v1/api-keys", acmeToken, Map.of("name", "demo-key", "scopes", List.of("*"))));
        keyId = requiredText(reply, "id");
        keySecret = requiredText(reply, "secret");
        return List.of("key " + keyId + ", secret " + keySecret.substring(0, Math.min(12, keySecret.length())) + "… (shown once)");
    }

    private List<String> uploadDataset() throws InterruptedException {
        String csv = DemoDataset.csv(DATASET_ROWS, 7);
        String boundary = "modelyard-demo-" + System.nanoTime();
        String body = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"purpose\"\r\n\r\nfine-tune\r\n"
                + "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"customers.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\n" + csv + "\r\n--" + boundary + "--\r\n";
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + "/v1/files"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + keySecret)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        Reply reply = expect(201, send(request, "POST /v1/files"));
        fileId = requiredText(reply, "id");
        JsonNode report = reply.body().path("pii_report");
        List<String> lines = new ArrayList<>(List.of(
                "file " + fileId + ": " + reply.body().path("rows").asLong() + " rows, "
                        + reply.body().path("bytes").asLong() + " bytes stored after anonymization",
                "PII replaced: " + report.path("total").asLong() + " values in " + report.path("rows_with_pii").asLong()
                        + " rows; by type " + report.path("by_type")));
        report.path("by_column").fields().forEachRemaining(column ->
                lines.add("  column " + column.getKey() + ": " + column.getValue()));
        Reply content = expect(200, call("GET", "/v1/files/" + fileId + "/content", keySecret, null));
        lines.add("first stored row: " + abbreviate(content.raw().lines().skip(1).findFirst().orElse("(none)")));
        return lines;
    }

    private List<String> fineTune() throws InterruptedException {
        Map<String, Object> job = Map.of(
                "model", "tabular-classifier",
                "training_file", fileId,
                "label_column", DemoDataset.LABEL_COLUMN,
                "suffix", MODEL,
                "seed", 42,
                "hyperparameters", Map.of("n_epochs", 8, "batch_size", 64, "learning_rate_multiplier", 1.0),
                "privacy", Map.of("target_epsilon", 3.0, "target_delta", 1e-5, "max_grad_norm", 1.0));
        Reply created = expect(201, call("POST", "/v1/fine_tuning/jobs", keySecret, job));
        jobId = requiredText(created, "id");
        out.println("      job " + jobId + " " + created.body().path("status").asText());
        List<String> lines = new ArrayList<>();
        String after = null;
        long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
        JsonNode current = created.body();
        while (!isTerminal(current.path("status").asText())) {
            if (System.nanoTime() > deadline) {
                throw new StepFailed("the job is still " + current.path("status").asText() + " after " + JOB_TIMEOUT);
            }
            Thread.sleep(500);
            after = printNewEvents(after, lines);
            current = expect(200, call("GET", "/v1/fine_tuning/jobs/" + jobId, keySecret, null)).body();
        }
        printNewEvents(after, lines);
        if (!"succeeded".equals(current.path("status").asText())) {
            throw new StepFailed("the job ended " + current.path("status").asText() + ": " + current.path("error"));
        }
        String fineTuned = current.path("fine_tuned_model").asText();
        if (!fineTuned.startsWith(MODEL + "@")) {
            throw new StepFailed("fine_tuned_model is '" + fineTuned + "', expected " + MODEL + "@<version>");
        }
        version = Integer.parseInt(fineTuned.substring(MODEL.length() + 1));
        lines.add("succeeded: fine_tuned_model " + fineTuned + ", ε spent " + current.path("privacy").path("epsilon_spent"));
        return lines;
    }

    /** Prints the job's events after {@code after} (oldest first) and returns the newest event id seen. */
    private String printNewEvents(String after, List<String> lines) throws InterruptedException {
        Reply events = expect(200, call("GET", "/v1/fine_tuning/jobs/" + jobId + "/events?limit=100", keySecret, null));
        List<JsonNode> fresh = new ArrayList<>();
        for (JsonNode event : events.body().path("data")) {
            if (event.path("id").asText().equals(after)) {
                break;
            }
            fresh.addFirst(event);
        }
        for (JsonNode event : fresh) {
            if (!"step".equals(event.path("data").path("type").asText())) {
                out.println("      event: " + event.path("message").asText());
            }
        }
        return fresh.isEmpty() ? after : fresh.getLast().path("id").asText();
    }

    /**
     * The KServe inputs for these customers as the signature asks for them: raw numbers in the order of
     * {@code feature_names}, and raw text in the order of {@code categorical_columns}. Which columns the
     * trainer made categorical depends on what anonymization left of them; a value the demo has none for
     * is sent empty, which the model treats as unknown.
     */
    private List<Map<String, Object>> inferenceInputs(List<Map<String, Object>> customers) {
        List<String> featureNames = new ArrayList<>();
        signature.path("feature_names").forEach(name -> featureNames.add(name.asText()));
        List<String> categoricalColumns = new ArrayList<>();
        signature.path("categorical_columns").forEach(column -> categoricalColumns.add(column.path("name").asText()));
        List<Map<String, Object>> inputs = new ArrayList<>();
        if (!featureNames.isEmpty()) {
            inputs.add(Map.of("name", "features", "datatype", "FP32", "shape", List.of(customers.size(), featureNames.size()),
                    "data", customers.stream().map(customer -> featureNames.stream().map(customer::get).toList()).toList()));
        }
        if (!categoricalColumns.isEmpty()) {
            inputs.add(Map.of("name", "categories", "datatype", "BYTES", "shape", List.of(customers.size(), categoricalColumns.size()),
                    "data", customers.stream()
                            .map(customer -> categoricalColumns.stream().map(column -> customer.getOrDefault(column, "")).toList())
                            .toList()));
        }
        return inputs;
    }

    private static boolean isTerminal(String status) {
        return status.equals("succeeded") || status.equals("failed") || status.equals("cancelled");
    }

    private List<String> showVersion() throws InterruptedException {
        JsonNode body = expect(200, call("GET", "/v1/models/" + MODEL + "/versions/" + version, keySecret, null)).body();
        signature = body.path("signature");
        JsonNode metrics = body.path("metrics");
        return List.of(
                "version " + body.path("version").asInt() + " (" + body.path("id").asText() + "), artifact sha256 "
                        + abbreviate(body.path("artifact_sha256").asText()) + ", " + body.path("artifact_size").asLong() + " bytes",
                "metrics: valid accuracy " + metrics.path("valid_accuracy") + ", valid loss " + metrics.path("valid_loss"),
                "lineage: job " + body.path("lineage").path("job_id").asText() + ", file "
                        + body.path("lineage").path("training_file").asText() + ", ε spent "
                        + body.path("lineage").path("epsilon") + " at δ " + body.path("lineage").path("delta"),
                "signature: " + body.path("signature").path("inputs") + " -> " + body.path("signature").path("outputs"));
    }

    private List<String> deploy() throws InterruptedException {
        Reply moved = expect(200, call("PUT", "/v1/models/" + MODEL + "/aliases/production", keySecret, Map.of("version", version)));
        Reply history = expect(200, call("GET", "/v1/models/" + MODEL + "/aliases/production/history", keySecret, null));
        return List.of("production -> version " + moved.body().path("version").asInt() + ", deployed "
                        + moved.body().path("deployed").asBoolean(),
                "alias history: " + history.body().path("data").size() + " move(s)");
    }

    private List<String> predict() throws InterruptedException {
        Map<String, Object> request = Map.of("inputs", inferenceInputs(List.of(
                Map.of("age", 30, "monthly_spend", 150.0, "tenure_months", 3, "support_tickets", 9, "plan", "basic", "notes", "no note"),
                Map.of("age", 60, "monthly_spend", 40.0, "tenure_months", 60, "support_tickets", 0, "plan", "pro", "notes", "no note"))));
        Reply answer = expect(200, call("POST", "/v2/models/" + MODEL + "/infer", keySecret, request));
        List<String> lines = new ArrayList<>();
        for (JsonNode output : answer.body().path("outputs")) {
            lines.add(output.path("name").asText() + " " + output.path("datatype").asText() + " "
                    + output.path("shape") + ": " + output.path("data"));
        }
        long[] micros = new long[LATENCY_SAMPLES];
        for (int sample = 0; sample < LATENCY_SAMPLES; sample++) {
            long start = System.nanoTime();
            expect(200, call("POST", "/v2/models/" + MODEL + "/infer", keySecret, request));
            micros[sample] = (System.nanoTime() - start) / 1000;
        }
        Arrays.sort(micros);
        lines.add(String.format(Locale.ROOT, "latency through the gateway over %d calls: p50 %.2f ms, p99 %.2f ms",
                LATENCY_SAMPLES, micros[LATENCY_SAMPLES / 2] / 1000.0, micros[LATENCY_SAMPLES * 99 / 100] / 1000.0));
        return lines;
    }

    private List<String> usageAndPrice() throws InterruptedException {
        long expected = LATENCY_SAMPLES + 1L;
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        JsonNode line;
        do {
            Thread.sleep(300);
            line = modelUsage();
        } while (line.path("requests").asLong() < expected && System.nanoTime() < deadline);
        if (line.path("requests").asLong() < expected) {
            throw new StepFailed("usage shows " + line.path("requests").asLong() + " requests for " + MODEL + "@" + version
                    + ", expected at least " + expected);
        }
        JsonNode invoice = expect(200, call("GET", "/v1/invoices/preview", keySecret, null)).body();
        return List.of("usage for " + MODEL + "@" + version + ": " + line.path("requests").asLong() + " requests, "
                        + line.path("rows").asLong() + " rows, average latency " + line.path("avg_latency_ms") + " ms",
                "invoice preview on plan " + invoice.path("plan").asText() + ": " + invoice.path("lines").size()
                        + " line(s), subtotal " + invoice.path("subtotal") + " " + invoice.path("currency").asText()
                        + ", due " + invoice.path("total_due"));
    }

    private JsonNode modelUsage() throws InterruptedException {
        JsonNode usage = expect(200, call("GET", "/v1/usage?group_by=model", keySecret, null)).body();
        for (JsonNode entry : usage.path("data")) {
            if (MODEL.equals(entry.path("model").asText()) && entry.path("version").asInt() == version) {
                return entry;
            }
        }
        return MissingNode.getInstance();
    }

    private List<String> checkIsolation() throws InterruptedException {
        String globexToken = logIn("globex-admin");
        List<String> lines = new ArrayList<>(List.of("tenant claim: " + tenantClaim(globexToken)));
        for (String path : List.of("/v1/files/" + fileId, "/v1/files/" + fileId + "/content",
                "/v1/fine_tuning/jobs/" + jobId, "/v1/fine_tuning/jobs/" + jobId + "/events",
                "/v1/models/" + MODEL + "/versions/" + version, "/v2/models/" + MODEL)) {
            Reply reply = call("GET", path, globexToken, null);
            if (reply.status() != 404) {
                throw new StepFailed("globex got " + reply.status() + " for acme's " + path + ", expected 404");
            }
            lines.add("GET " + path + " -> 404");
        }
        for (String list : List.of("/v1/files", "/v1/fine_tuning/jobs")) {
            String raw = expect(200, call("GET", list + "?limit=100", globexToken, null)).raw();
            if (raw.contains(fileId) || raw.contains(jobId)) {
                throw new StepFailed("globex's GET " + list + " lists acme's objects");
            }
            lines.add("GET " + list + " -> none of acme's");
        }
        return lines;
    }

    private List<String> revokeKey() throws InterruptedException {
        expect(200, call("DELETE", "/v1/api-keys/" + keyId, acmeToken, null));
        Reply refused = call("GET", "/v1/models", keySecret, null);
        if (refused.status() != 401) {
            throw new StepFailed("the revoked key got " + refused.status() + " from GET /v1/models, expected 401");
        }
        return List.of("key " + keyId + " revoked", "GET /v1/models with the revoked key -> 401" + problemDetail(refused));
    }

    private String logIn(String username) throws InterruptedException {
        String form = "grant_type=password&client_id=" + encode(CLIENT_ID)
                + "&username=" + encode(username) + "&password=" + encode(DEMO_PASSWORD);
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        Reply reply = send(request, "POST " + tokenEndpoint);
        if (reply.status() != 200) {
            throw new StepFailed("Keycloak refused " + username + " (" + reply.status() + "): "
                    + reply.body().path("error_description").asText(reply.raw()));
        }
        return requiredText(reply, "access_token");
    }

    /** The token's {@code tenant} claim; the gateway verifies the signature, the demo only reads it. */
    private String tenantClaim(String accessToken) {
        String[] parts = accessToken.split("\\.");
        if (parts.length != 3) {
            throw new StepFailed("the access token is not a JWT");
        }
        try {
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            return claims.path("tenant").asText("(none)");
        } catch (IOException | IllegalArgumentException e) {
            throw new StepFailed("cannot read the access token's claims: " + e.getMessage());
        }
    }

    private Reply call(String method, String path, String bearer, Object body) throws InterruptedException {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        } catch (IOException e) {
            throw new StepFailed("cannot write the request body: " + e.getMessage());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(stack.gatewayUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + bearer)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .method(method, publisher)
                .build();
        return send(request, method + " " + path);
    }

    private Reply send(HttpRequest request, String what) throws InterruptedException {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return new Reply(what, response.statusCode(), parse(response.body()), response.body());
        } catch (IOException e) {
            throw new StepFailed(what + " failed: " + e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return body.isBlank() ? MissingNode.getInstance() : json.readTree(body);
        } catch (IOException notJson) {
            return MissingNode.getInstance();
        }
    }

    private static Reply expect(int status, Reply reply) {
        if (reply.status() != status) {
            throw new StepFailed(reply.what() + " answered " + reply.status() + ", expected " + status + problemDetail(reply));
        }
        return reply;
    }

    private static String requiredText(Reply reply, String field) {
        String value = reply.body().path(field).asText("");
        if (value.isEmpty()) {
            throw new StepFailed(reply.what() + " answered without '" + field + "'");
        }
        return value;
    }

    /** The RFC 9457 problem's detail, which says what went wrong; else the start of the raw body. */
    private static String problemDetail(Reply reply) {
        String detail = reply.body().path("detail").asText("");
        if (!detail.isEmpty()) {
            return " (" + detail + ")";
        }
        return reply.raw().isBlank() ? "" : " (" + abbreviate(reply.raw()) + ")";
    }

    private static String abbreviate(String text) {
        String flat = text.replaceAll("\\s+", " ").strip();
        return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static long elapsedMillis(long startNanos) {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    private record Reply(String what, int status, JsonNode body, String raw) {
    }

    private record Step(String title, StepAction action) {
    }

    @FunctionalInterface
    private interface StepAction {
        List<String> run() throws InterruptedException;
    }

    /** A step did not hold; the message says how. */
    private static final class StepFailed extends RuntimeException {
        StepFailed(String message) {
            super(message);
        }
    }
}
