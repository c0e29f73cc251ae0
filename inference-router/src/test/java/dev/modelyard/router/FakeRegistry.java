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
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The registry's {@code GET /v1/models/{name}/serving?ref=} for the tenant in the forwarded token, and
 * {@code GET /calls?key=<tenant>/<name>/<ref>} telling tests how often a reference was resolved.
 *
 * <p>acme: {@code churn} (production → 2, staging → 3, version 1 not deployed), {@code outage} and
 * {@code unloaded} (served by names the fake model server fails). globex: {@code fraud}.
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
        SERVED.put("globex/fraud/production", "rm-fraud/1");
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private HttpServer server;

    int start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v1/models/", this::serving);
        server.createContext("/calls", this::calls);
        server.start();
        return server.getAddress().getPort();
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
        } else {
            String[] serving = SERVED.get(key).split("/");
            String version = serving[1];
            answer(exchange, 200, "{\"model\": \"" + name + "\", \"version\": " + version
                    + ", \"serving_name\": \"" + serving[0] + "\", \"serving_version\": \"" + version + "\","
                    + SIGNATURE + "}");
        }
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
