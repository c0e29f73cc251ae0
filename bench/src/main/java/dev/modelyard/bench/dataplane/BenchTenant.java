package dev.modelyard.bench.dataplane;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Prepares a demo tenant of a running platform for load, through the gateway as a client would: lifts its
 * rate limit (as the platform admin), creates an API key for inference and deploys a model by uploading its
 * artifact, registering a version and moving the {@code production} alias.
 */
public final class BenchTenant {

    /** Far above any rate one machine reaches: the benchmark measures the path, not the plan's limit. */
    private static final int REQUESTS_PER_MINUTE = 100_000_000;
    private static final String CLIENT_ID = "modelyard-cli";
    private static final String DEMO_PASSWORD = "demo";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String gatewayUrl;
    private final String keycloakUrl;
    private final String tenant;

    public BenchTenant(String gatewayUrl, String keycloakUrl, String tenant) {
        this.gatewayUrl = gatewayUrl;
        this.keycloakUrl = keycloakUrl;
        this.tenant = tenant;
    }

    /** The API key's secret and id. */
    public record ApiKey(String secret, String id) {
    }

    /** A deployed version, and the names the model server knows it by. */
    public record Deployment(String model, int version, String servingName) {
    }

    public ApiKey prepare(String adminUser) throws IOException, InterruptedException {
        String platformAdmin = logIn("platform-admin");
        call("PATCH", "/v1/admin/tenants/" + tenant, platformAdmin,
                Map.of("quotas", Map.of("requests_per_minute", REQUESTS_PER_MINUTE)), 200);
        JsonNode key = call("POST", "/v1/api-keys", logIn(adminUser),
                Map.of("name", "dataplane-benchmark", "scopes", List.of("inference", "models")), 201);
        return new ApiKey(key.path("secret").asText(), key.path("id").asText());
    }

    public Deployment deploy(ApiKey key, String model, byte[] onnx, JsonNode signature)
            throws IOException, InterruptedException {
        HttpRequest upload = HttpRequest.newBuilder(URI.create(gatewayUrl + "/v1/artifacts"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + key.secret())
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(onnx)).build();
        String sha256 = expect(send(upload), 201, "POST /v1/artifacts").path("sha256").asText();
        int version = call("POST", "/v1/models/" + model + "/versions", "Bearer " + key.secret(),
                Map.of("artifact_sha256", sha256, "format", "onnx", "signature", signature, "create_model", true), 201)
                .path("version").asInt();
        call("PUT", "/v1/models/" + model + "/aliases/production", "Bearer " + key.secret(), Map.of("version", version), 200);
        String servingName = call("GET", "/v1/models/" + model, "Bearer " + key.secret(), null, 200).path("id").asText();
        return new Deployment(model, version, servingName);
    }

    /** A bearer header for the user, from Keycloak's password grant. */
    private String logIn(String username) throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=" + CLIENT_ID + "&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password=" + DEMO_PASSWORD;
        HttpRequest request = HttpRequest.newBuilder(URI.create(keycloakUrl + "/realms/modelyard/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        return "Bearer " + expect(send(request), 200, "log in as " + username).path("access_token").asText();
    }

    private JsonNode call(String method, String path, String authorization, Object body, int expected)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gatewayUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", authorization)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                .build();
        return expect(send(request), expected, method + " " + path);
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode expect(HttpResponse<String> response, int expected, String what) throws IOException {
        if (response.statusCode() != expected) {
            throw new IllegalStateException(what + " answered " + response.statusCode() + ", expected " + expected
                    + ": " + response.body());
        }
        return json.readTree(response.body());
    }
}
