package dev.modelyard.router;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.modelyard.common.auth.BearerTokens;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * The registry's {@code GET /v1/models/{name}/serving?ref=} for the tenant in the forwarded token, and
 * {@code GET /calls?key=<tenant>/<name>/<ref>} telling tests how often a reference was resolved.
 *
 * <p>acme: {@code churn} (production → 2, staging → 3, version 1 not deployed), {@code outage} and
 * {@code unloaded} (served by names the fake model server fails), {@code canary} (churn's versions 2 and 3
 * split 90/10) and the references {@link #place placed} on given backends. globex: {@code fraud}.
 */
final class FakeRegistry {

    private static final String SIGNATURE = """
            "inputs": [{"name": "features", "datatype": "FP32", "shape": [-1, 4]}],
            "outputs": [{"name": "sum", "datatype": "FP32", "shape": [-1]}, {"name": "label", "datatype": "BYTES", "shape": [-1]}]""";

    /** {@code tenant/name/ref} → {@code serving name/version}, or {@code null} for a version not deployed. */
    private static final Map<String, String> SERVED = new HashMap<>();

    static {
        SERVED.put("acme/churn/production", "rm-churn/2");
        SERVED.put("acme/churn/staging", "rm-churn/3");
        SERVED.put("acme/churn/1", null);
        SERVED.put("acme/churn/2", "rm-churn/2");
        SERVED.put("acme/churn/3", "rm-churn/3");
        SERVED.put("acme/outage/production", "rm-outage/1");
        SERVED.put("acme/unloaded/production", "rm-unloaded/1");
        SERVED.put("acme/canary/production", "rm-churn/2");
        SERVED.put("globex/fraud/production", "rm-fraud/1");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Map<String, List<String>> placements = new ConcurrentHashMap<>();
    private HttpServer server;

    int start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models/", this::serving);
        server.createContext("/calls", this::calls);
        server.start();
        return server.getAddress().getPort();
    }

    /** Serves {@code tenant/name/production} as churn's version 2, placed on these backends. */
    void place(String reference, List<String> backends) {
        SERVED.put(reference, "rm-churn/2");
        placements.put(reference, backends);
    }

    void stop() {
        server.stop(0);
    }

    private void serving(HttpExchange exchange) throws IOException {
        String tenant = tenantOf(exchange.getRequestHeaders().getFirst("Authorization"));
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getRawQuery();
        if (tenant == null) {
            answer(exchange, 401, "{\"status\":401}");
            return;
        }
        if (!path.endsWith("/serving") || query == null || !query.startsWith("ref=")) {
            answer(exchange, 404, "{\"status\":404}");
            return;
        }
        String name = path.substring("/v1/models/".length(), path.length() - "/serving".length());
        String ref = URLDecoder.decode(query.substring(4), StandardCharsets.UTF_8);
        String key = tenant + "/" + name + "/" + ref;
        calls.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        if (!SERVED.containsKey(key)) {
            answer(exchange, 404, "{\"status\":404,\"type\":\"https://modelyard.dev/problems/not-found\"}");
        } else if (SERVED.get(key) == null) {
            answer(exchange, 409, "{\"status\":409,\"type\":\"https://modelyard.dev/problems/not-deployed\"}");
        } else if (key.equals("acme/canary/production")) {
            String production = resolution(name, "rm-churn/2", List.of());
            String candidate = resolution(name, "rm-churn/3", List.of());
            answer(exchange, 200, production.substring(0, production.length() - 1) + ", \"traffic\": ["
                    + "{\"alias\": \"candidate\", \"weight\": 10, \"serving\": " + candidate + "},"
                    + "{\"alias\": \"production\", \"weight\": 90, \"serving\": " + production + "}]}");
        } else {
            answer(exchange, 200, resolution(name, SERVED.get(key), placements.getOrDefault(key, List.of())));
        }
    }

    private static String resolution(String name, String served, List<String> backends) {
        String[] serving = served.split("/");
        String version = serving[1];
        String placed = backends.stream().map(b -> "\"" + b + "\"").collect(Collectors.joining(", ", "[", "]"));
        return "{\"model\": \"" + name + "\", \"version\": " + version + ", \"serving_name\": \"" + serving[0]
                + "\", \"serving_version\": \"" + version + "\", \"backends\": " + placed + "," + SIGNATURE + "}";
    }

    private void calls(HttpExchange exchange) throws IOException {
        String key = URLDecoder.decode(exchange.getRequestURI().getRawQuery().substring(4), StandardCharsets.UTF_8);
        answer(exchange, 200, Integer.toString(calls.getOrDefault(key, new AtomicInteger()).get()));
    }

    /** The tenant claim, read without verifying: proving the router forwards the caller's token is enough. */
    private static String tenantOf(String authorization) throws IOException {
        String token = BearerTokens.from(authorization);
        if (token == null || token.split("\\.").length != 3) {
            return null;
        }
        JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        return claims.path("tenant").asText(null);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
