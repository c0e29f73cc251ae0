package dev.modelyard.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.auth.PemKeys;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Plays the privacy service and the model registry for the orchestrator under test, on a free port, and runs
 * {@link FakeTrainer} as the trainer. What the orchestrator sent is kept and readable over HTTP under
 * {@code /_test/} (the tests run in another class loader, so they cannot share this object). Every file has a
 * privacy budget of {@link #FILE_EPSILON} per tenant, and the first attempt to settle each reservation fails with
 * a 503, as a privacy service that is briefly away would.
 */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {

    public static final String TRAINING_FILE = "file-train";
    public static final String VALIDATION_FILE = "file-valid";
    public static final String OTHER_PURPOSE_FILE = "file-assistants";
    /** The registered model tests continue from: versions 1 and 2, {@code production} at 2, {@code staging} at 1. */
    public static final String BASE_MODEL = "churn";
    public static final String CSV = "age,spend,churned\n30,10,no\n40,20,yes\n50,5,no\n60,30,yes\n";
    public static final double FILE_EPSILON = 10;

    private static final Pattern FILE = Pattern.compile("/v1/files/([^/]+)");
    private static final Pattern CONTENT = Pattern.compile("/v1/files/([^/]+)/content");
    private static final Pattern VERSION = Pattern.compile("/v1/models/([^/]+)/versions/([0-9]+)");
    private static final Pattern ARTIFACT = Pattern.compile("/v1/models/([^/]+)/versions/([0-9]+)/artifact");
    private static final Pattern ALIASES = Pattern.compile("/v1/models/([^/]+)/aliases");
    private static final Pattern REGISTER = Pattern.compile("/v1/models/([^/]+)/versions");
    private static final Pattern RESERVE = Pattern.compile("/v1/files/([^/]+)/budget/reservations");
    private static final Pattern SETTLE = Pattern.compile("/v1/budget/reservations/([^/]+)/(commit|refund)");

    private final ObjectMapper json = new ObjectMapper();
    private final InternalTokens.Verifier verifier = new InternalTokens.Verifier(PemKeys.readPublic(TestTokens.PUBLIC_KEY),
            "modelyard-gateway", "modelyard-services", Duration.ofMinutes(2));
    private final ArrayNode calls = json.createArrayNode();
    private final ArrayNode registrations = json.createArrayNode();
    private final Map<String, Integer> versions = new HashMap<>();
    private final ArrayNode reservations = json.createArrayNode();
    /** Epsilon spent or held per tenant and file. */
    private final Map<String, Double> budgetUsed = new HashMap<>();
    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                handle(exchange);
            }
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of(
                "modelyard.training.services.privacy", url,
                "modelyard.training.services.registry", url,
                "modelyard.training.trainer-command[0]", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "modelyard.training.trainer-command[1]", "-cp",
                "modelyard.training.trainer-command[2]", Path.of("target", "test-classes").toAbsolutePath().toString(),
                "modelyard.training.trainer-command[3]", FakeTrainer.class.getName());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private synchronized void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (path.startsWith("/_test/")) {
            ArrayNode kept = switch (path) {
                case "/_test/calls" -> calls;
                case "/_test/reservations" -> reservations;
                default -> registrations;
            };
            respond(exchange, 200, "application/json", kept.toString());
            return;
        }
        Caller caller;
        try {
            caller = verifier.verify(exchange.getRequestHeaders().getFirst("Authorization").substring("Bearer ".length()));
        } catch (RuntimeException e) {
            respond(exchange, 401, "application/json", "{}");
            return;
        }
        calls.add(json.createObjectNode().put("method", method).put("path", path)
                .put("subject", caller.subject()).put("tenant", caller.tenant()));
        Matcher matcher;
        if (method.equals("GET") && (matcher = CONTENT.matcher(path)).matches() && isFile(matcher.group(1))) {
            respond(exchange, 200, "text/csv; charset=utf-8", CSV);
        } else if (method.equals("GET") && (matcher = FILE.matcher(path)).matches() && isFile(matcher.group(1))) {
            String purpose = matcher.group(1).equals(OTHER_PURPOSE_FILE) ? "assistants" : "fine-tune";
            respond(exchange, 200, "application/json", json.createObjectNode().put("id", matcher.group(1))
                    .put("object", "file").put("purpose", purpose).put("format", "csv").toString());
        } else if (method.equals("GET") && (matcher = ARTIFACT.matcher(path)).matches() && isBaseVersion(matcher)) {
            respond(exchange, 200, "application/octet-stream", "base onnx");
        } else if (method.equals("GET") && (matcher = VERSION.matcher(path)).matches() && isBaseVersion(matcher)) {
            respond(exchange, 200, "application/json", "{\"version\":" + matcher.group(2) + "}");
        } else if (method.equals("GET") && (matcher = ALIASES.matcher(path)).matches() && matcher.group(1).equals(BASE_MODEL)) {
            respond(exchange, 200, "application/json", "{\"object\":\"list\",\"data\":["
                    + "{\"alias\":\"production\",\"version\":2},{\"alias\":\"staging\",\"version\":1}]}");
        } else if (method.equals("POST") && path.equals("/v1/artifacts")) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            respond(exchange, 200, "application/json", json.createObjectNode().put("sha256", sha256(body))
                    .put("size", body.length).toString());
        } else if (method.equals("POST") && (matcher = REGISTER.matcher(path)).matches()) {
            JsonNode body = json.readTree(exchange.getRequestBody());
            int version = versions.merge(matcher.group(1), 1, Integer::sum);
            ObjectNode registration = registrations.addObject().put("name", matcher.group(1))
                    .put("subject", caller.subject()).put("tenant", caller.tenant());
            registration.set("body", body);
            respond(exchange, 201, "application/json", "{\"object\":\"model.version\",\"version\":" + version + "}");
        } else if (method.equals("POST") && (matcher = RESERVE.matcher(path)).matches() && isFile(matcher.group(1))) {
            reserve(exchange, caller, matcher.group(1));
        } else if (method.equals("POST") && (matcher = SETTLE.matcher(path)).matches()) {
            settle(exchange, caller, matcher.group(1), matcher.group(2));
        } else {
            respond(exchange, 404, "application/problem+json", "{\"status\":404}");
        }
    }

    private void reserve(HttpExchange exchange, Caller caller, String file) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        double epsilon = body.path("epsilon").asDouble();
        String budget = caller.tenant() + "/" + file;
        double used = budgetUsed.getOrDefault(budget, 0.0);
        if (used + epsilon > FILE_EPSILON) {
            respond(exchange, 409, "application/problem+json", json.createObjectNode()
                    .put("type", "https://modelyard.dev/problems/budget-exceeded").put("status", 409)
                    .put("detail", "The privacy budget of file " + file + " has epsilon " + (FILE_EPSILON - used)
                            + " remaining").toString());
            return;
        }
        budgetUsed.put(budget, used + epsilon);
        ObjectNode reservation = reservations.addObject().put("id", "pbres-" + reservations.size())
                .put("tenant", caller.tenant()).put("file", file).put("epsilon", epsilon)
                .put("delta", body.path("delta").asDouble()).put("purpose", body.path("purpose").asText())
                .put("reference", body.path("reference").asText()).put("ttl_seconds", body.path("ttl_seconds").asLong())
                .put("reserved_by", caller.subject())
                .put("status", "reserved").put("settle_attempts", 0);
        respond(exchange, 201, "application/json", reservation.toString());
    }

    private void settle(HttpExchange exchange, Caller caller, String id, String action) throws IOException {
        JsonNode body = json.readTree(exchange.getRequestBody());
        ObjectNode reservation = null;
        for (JsonNode candidate : reservations) {
            if (candidate.get("id").asText().equals(id) && candidate.get("tenant").asText().equals(caller.tenant())) {
                reservation = (ObjectNode) candidate;
            }
        }
        if (reservation == null) {
            respond(exchange, 404, "application/problem+json", "{\"status\":404}");
            return;
        }
        int attempts = reservation.get("settle_attempts").asInt() + 1;
        reservation.put("settle_attempts", attempts);
        if (attempts == 1) {
            respond(exchange, 503, "application/problem+json", "{\"status\":503}");
            return;
        }
        String settled = action.equals("commit") ? "committed" : "refunded";
        String status = reservation.get("status").asText();
        if (!status.equals("reserved") && !status.equals(settled)) {
            respond(exchange, 409, "application/problem+json", "{\"status\":409}");
            return;
        }
        if (status.equals("reserved")) {
            double held = reservation.get("epsilon").asDouble();
            double spent = action.equals("commit") ? body.path("epsilon").asDouble(held) : 0;
            budgetUsed.merge(caller.tenant() + "/" + reservation.get("file").asText(), spent - held, Double::sum);
            reservation.put("status", settled).put("epsilon_spent", spent).put("settled_by", caller.subject());
        }
        respond(exchange, 200, "application/json", reservation.toString());
    }

    private static boolean isFile(String id) {
        return id.equals(TRAINING_FILE) || id.equals(VALIDATION_FILE) || id.equals(OTHER_PURPOSE_FILE);
    }

    private static boolean isBaseVersion(Matcher matcher) {
        return matcher.group(1).equals(BASE_MODEL) && (matcher.group(2).equals("1") || matcher.group(2).equals("2"));
    }

    private static void respond(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
