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
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * {@code demo}: walks through what the platform does today against the running stack, as a client
 * would: Keycloak login, an API key, a model created with it, tenant isolation, and revocation.
 * Every step must hold for the demo to succeed.
 */
final class Demo {

    private static final String CLIENT_ID = "modelyard-cli";
    private static final String DEMO_PASSWORD = "demo";
    private static final int STEPS = 5;

    private final Stack stack;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();

    private String acmeToken;
    private String keyId;
    private String keySecret;
    private String modelName;

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
                new Step("Create an API key as acme-admin: POST /v1/api-keys", this::createApiKey),
                new Step("Register a model with the API key: POST /v1/models, GET /v1/models", this::registerModel),
                new Step("Log in as globex-admin: acme's model must be invisible", this::checkIsolation),
                new Step("Revoke the key: DELETE /v1/api-keys/{id}, then the key must be refused", this::revokeKey));
        for (int index = 0; index < steps.size(); index++) {
            Step step = steps.get(index);
            out.printf("[%d/%d] %s%n", index + 1, STEPS, step.title());
            long start = System.nanoTime();
            try {
                step.action().run().forEach(line -> out.println("      " + line));
                out.printf("      ok (%d ms)%n", elapsedMillis(start));
            } catch (StepFailed failure) {
                out.printf("      FAILED (%d ms): %s%n", elapsedMillis(start), failure.getMessage());
                out.println("The demo stopped at step " + (index + 1) + " of " + STEPS + ".");
                return 1;
            }
        }
        out.println("All " + STEPS + " steps hold.");
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

    private List<String> registerModel() throws InterruptedException {
        modelName = "churn-demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"));
        Reply created = expect(201, call("POST", "/v1/models", keySecret,
                Map.of("name", modelName, "description", "Customer churn classifier registered by ./platform demo")));
        Reply listed = expect(200, call("GET", "/v1/models", keySecret, null));
        List<String> names = listedNames(listed);
        if (!names.contains(modelName)) {
            throw new StepFailed("GET /v1/models does not list the new model " + modelName);
        }
        return List.of("created " + modelName + " (" + created.body().path("id").asText("no id") + ")",
                "GET /v1/models lists " + names.size() + " model(s) on its first page, the new one included");
    }

    private List<String> checkIsolation() throws InterruptedException {
        String globexToken = logIn("globex-admin");
        Reply direct = call("GET", "/v1/models/" + modelName, globexToken, null);
        if (direct.status() != 404) {
            throw new StepFailed("globex-admin got " + direct.status() + " for acme's model, expected 404" + problemDetail(direct));
        }
        List<String> everything = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Reply page = expect(200, call("GET", "/v1/models?limit=100" + (after == null ? "" : "&after=" + after), globexToken, null));
            everything.addAll(listedNames(page));
            after = page.body().path("last_id").asText(null);
            more = page.body().path("has_more").asBoolean(false) && after != null;
        }
        if (everything.contains(modelName)) {
            throw new StepFailed("globex-admin's GET /v1/models lists acme's model " + modelName);
        }
        return List.of("tenant claim: " + tenantClaim(globexToken),
                "GET /v1/models/" + modelName + " -> 404 for globex",
                "GET /v1/models -> " + everything.size() + " globex model(s), acme's not among them");
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

    /** A list envelope's names: {object: "list", data: [...]}. */
    private static List<String> listedNames(Reply reply) {
        JsonNode body = reply.body();
        if (!"list".equals(body.path("object").asText()) || !body.path("data").isArray()) {
            throw new StepFailed(reply.what() + " did not answer a list envelope: " + abbreviate(reply.raw()));
        }
        List<String> names = new ArrayList<>();
        body.path("data").forEach(item -> names.add(item.path("name").asText()));
        return names;
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
