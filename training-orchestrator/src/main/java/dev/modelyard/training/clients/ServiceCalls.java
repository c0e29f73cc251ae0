package dev.modelyard.training.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * HTTP calls from the orchestrator to one other service, with the failures turned into
 * {@link UpstreamException}s. Transfers stream to and from files; only small JSON documents are held in memory.
 */
final class ServiceCalls {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Duration JSON_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final String baseUrl;

    ServiceCalls(String service, String baseUrl) {
        this.service = service;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** One path segment, escaped. */
    static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** The JSON document at {@code path}, or empty when the service answers 404. */
    Optional<JsonNode> getJson(String path, String authorization) {
        HttpResponse<String> response = send(request(path, authorization).timeout(JSON_TIMEOUT).GET(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        return Optional.of(readJson(expectOk(response.statusCode(), response.body())));
    }

    JsonNode postJson(String path, String authorization, JsonNode body) {
        HttpResponse<String> response = send(request(path, authorization).timeout(JSON_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())), HttpResponse.BodyHandlers.ofString());
        return readJson(expectOk(response.statusCode(), response.body()));
    }

    JsonNode postFile(String path, String authorization, Path file) {
        try {
            HttpResponse<String> response = send(request(path, authorization)
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofFile(file)), HttpResponse.BodyHandlers.ofString());
            return readJson(expectOk(response.statusCode(), response.body()));
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Streams the body at {@code path} into {@code target} and returns its media type. */
    String download(String path, String authorization, Path target) {
        HttpResponse<Path> response = send(request(path, authorization).GET(),
                info -> info.statusCode() == 200 ? HttpResponse.BodySubscribers.ofFile(target)
                        : HttpResponse.BodySubscribers.replacing(null));
        if (response.statusCode() != 200) {
            deleteQuietly(target);
            throw new UpstreamException(service, response.statusCode(),
                    "answered " + response.statusCode() + " for " + path);
        }
        return response.headers().firstValue("Content-Type").orElse("application/octet-stream");
    }

    private HttpRequest.Builder request(String path, String authorization) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).header("Authorization", authorization);
    }

    private <T> HttpResponse<T> send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request.build(), handler);
        } catch (IOException e) {
            throw new UpstreamException(service, 0, "unreachable at " + baseUrl + " (" + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(service, 0, "interrupted");
        }
    }

    private String expectOk(int status, String body) {
        if (status / 100 != 2) {
            throw new UpstreamException(service, status, "answered " + status + ": " + abbreviate(body),
                    problemDetail(body));
        }
        return body;
    }

    /** The {@code detail} of a problem document, or null when the body is none. */
    private static String problemDetail(String body) {
        try {
            JsonNode detail = JSON.readTree(body).path("detail");
            return detail.isTextual() ? detail.asText() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UpstreamException(service, 200, "answered something other than JSON: " + abbreviate(body));
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a partial download is overwritten by the next attempt anyway
        }
    }
}
