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
 * {@code /_test/} (the tests run in another class loader, so they cannot share this object).
 */
public class FakeServicesResource implements QuarkusTestResourceLifecycleManager {

    public static final String TRAINING_FILE = "file-train";
    public static final String VALIDATION_FILE = "file-valid";
    public static final String OTHER_PURPOSE_FILE = "file-assistants";
    /** The registered model tests continue from: versions 1 and 2, {@code production} at 2, {@code staging} at 1. */
    public static final String BASE_MODEL = "churn";
    public static final String CSV = "age,spend,churned\n30,10,no\n40,20,yes\n50,5,no\n60,30,yes\n";

    private static final Pattern FILE = Pattern.compile("/v1/files/([^/]+)");
    private static final Pattern CONTENT = Pattern.compile("/v1/files/([^/]+)/content");
    private static final Pattern VERSION = Pattern.compile("/v1/models/([^/]+)/versions/([0-9]+)");
    private static final Pattern ARTIFACT = Pattern.compile("/v1/models/([^/]+)/versions/([0-9]+)/artifact");
    private static final Pattern ALIASES = Pattern.compile("/v1/models/([^/]+)/aliases");
    private static final Pattern REGISTER = Pattern.compile("/v1/models/([^/]+)/versions");

    private final ObjectMapper json = new ObjectMapper();
    private final InternalTokens.Verifier verifier = new InternalTokens.Verifier(PemKeys.readPublic(TestTokens.PUBLIC_KEY),
            "modelyard-gateway", "modelyard-services", Duration.ofMinutes(2));
    private final ArrayNode calls = json.createArrayNode();
    private final ArrayNode registrations = json.createArrayNode();
    private final Map<String, Integer> versions = new HashMap<>();
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
            respond(exchange, 200, "application/json", (path.equals("/_test/calls") ? calls : registrations).toString());
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
        } else {
            respond(exchange, 404, "application/problem+json", "{\"status\":404}");
        }
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
