package dev.modelyard.gateway;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.auth.PemKeys;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * Stands in for every downstream service: it verifies the gateway's internal token exactly as the
 * services do and answers with what it received (caller, path, and the SHA-256 of the body, read
 * as a stream), so tests can see what crossed the gateway.
 */
public class EchoServiceResource implements QuarkusTestResourceLifecycleManager {

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        InternalTokens.Verifier verifier = new InternalTokens.Verifier(PemKeys.readPublic(TestTokens.PUBLIC_KEY),
                "modelyard-gateway", "modelyard-services", Duration.ofMinutes(2));
        ObjectMapper json = new ObjectMapper();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            Map<String, Object> echo = new LinkedHashMap<>();
            int status = 200;
            try {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                Caller caller = verifier.verify(authorization.substring("Bearer ".length()));
                echo.put("tenant", caller.tenant());
                echo.put("subject", caller.subject());
                echo.put("roles", caller.roles().stream().sorted().toList());
                echo.put("key_id", caller.apiKeyId());
                echo.put("request_id", caller.requestId());
            } catch (RuntimeException e) {
                status = 401;
                echo.put("error", "internal token refused: " + e.getMessage());
            }
            echo.put("method", exchange.getRequestMethod());
            echo.put("uri", exchange.getRequestURI().toString());
            echo.put("request_id_header", exchange.getRequestHeaders().getFirst("X-Request-Id"));
            echo.put("content_type", exchange.getRequestHeaders().getFirst("Content-Type"));
            try (InputStream body = exchange.getRequestBody()) {
                MessageDigest digest = MessageDigest.getInstance("SHA-256");
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int read; (read = body.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, read);
                    total += read;
                }
                echo.put("body_bytes", total);
                echo.put("body_sha256", HexFormat.of().formatHex(digest.digest()));
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
            byte[] answer = json.writeValueAsString(echo).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return Map.of("modelyard.gateway.services.privacy", url,
                "modelyard.gateway.services.training", url,
                "modelyard.gateway.services.registry", url,
                "modelyard.gateway.services.router", url,
                "modelyard.gateway.demo-tenants", "acme,globex");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
