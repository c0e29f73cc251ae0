package dev.modelyard.bench.dataplane;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * KServe v2 over HTTP/JSON: one {@code POST …/infer} with a fixed body. The client speaks HTTP/1.1 with
 * kept-alive connections, as the gateway does to the router, so every path pays the same client cost.
 */
public final class HttpInferenceCall implements InferenceCall {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient client;
    private final HttpRequest request;

    public HttpInferenceCall(HttpClient client, URI inferUri, String authorization, String jsonBody) {
        this.client = client;
        HttpRequest.Builder builder = HttpRequest.newBuilder(inferUri).timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(jsonBody.getBytes(StandardCharsets.UTF_8)));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        this.request = builder.build();
    }

    /** A client for one path: HTTP/1.1, a connection per concurrent caller. */
    public static HttpClient newClient() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public void call() throws Exception {
        HttpResponse<byte[]> response;
        try {
            response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IOException("POST " + request.uri() + " failed: " + e.getMessage(), e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("POST " + request.uri() + " answered " + response.statusCode() + ": "
                    + new String(response.body(), StandardCharsets.UTF_8));
        }
    }
}
