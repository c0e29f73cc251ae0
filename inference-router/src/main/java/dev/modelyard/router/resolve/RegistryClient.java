package dev.modelyard.router.resolve;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.router.RouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
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
import org.jboss.logging.Logger;

/** Asks the registry where a model reference is served: {@code GET /v1/models/{name}/serving?ref=}. */
@ApplicationScoped
public class RegistryClient {

    private static final Logger LOG = Logger.getLogger(RegistryClient.class);

    private final HttpClient http;
    private final URI registry;
    private final Duration timeout;
    private final ObjectMapper json;

    public RegistryClient(RouterConfig config, ObjectMapper json) {
        this.registry = config.services().registry();
        this.timeout = config.deadline();
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** Resolves with the caller's own token, so the registry only ever answers with the caller's models. */
    public ServingResolution resolve(ModelReference reference, String authorization) {
        URI uri = registry.resolve("/v1/models/" + encode(reference.name()) + "/serving?ref=" + encode(reference.ref()));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Authorization", authorization)
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw registryUnavailable(e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw registryUnavailable("interrupted");
        }
        if (response.statusCode() == 200) {
            return read(response.body());
        }
        throw switch (response.statusCode()) {
            case 404 -> new PlatformException(404, "model-not-found", "Model not found",
                    "Request for unknown model: '" + reference + "' is not found");
            case 409 -> new PlatformException(409, "model-not-deployed", "Model not deployed",
                    "Model '" + reference + "' is registered but not deployed: no model server serves it yet");
            case 401 -> PlatformException.unauthorized("The registry refused the caller's credentials");
            case 403 -> PlatformException.forbidden("The caller may not use model '" + reference + "'");
            default -> registryUnavailable("status " + response.statusCode());
        };
    }

    private ServingResolution read(byte[] body) {
        try {
            return json.readValue(body, ServingResolution.class);
        } catch (IOException e) {
            throw registryUnavailable("unreadable answer: " + e.getMessage());
        }
    }

    private static PlatformException registryUnavailable(String why) {
        LOG.warnf("Model registry unavailable: %s", why);
        return new PlatformException(503, "registry-unavailable", "Registry unavailable",
                "The model registry cannot be reached; try again shortly", List.of(), Map.of("Retry-After", "1"));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
