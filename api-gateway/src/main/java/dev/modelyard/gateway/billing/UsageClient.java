package dev.modelyard.gateway.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokenSigner;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Reads a tenant's usage per model version from the inference router, which meters every call. */
@ApplicationScoped
public class UsageClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI router;
    private final InternalTokenSigner signer;
    private final ObjectMapper json;

    public UsageClient(GatewayConfig config, InternalTokenSigner signer, ObjectMapper json) {
        this.router = URI.create(config.services().get("router"));
        this.signer = signer;
        this.json = json;
    }

    public List<UsageLine> perModel(Caller caller, Instant from, Instant to) {
        URI uri = router.resolve("/v1/usage?group_by=model&from=" + from.getEpochSecond() + "&to=" + to.getEpochSecond());
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", signer.authorization(caller))
                .header("Accept", "application/json")
                .GET().build();
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw unavailable();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
        if (response.statusCode() != 200) {
            throw unavailable();
        }
        try {
            List<UsageLine> lines = new ArrayList<>();
            for (JsonNode entry : json.readTree(response.body()).path("data")) {
                lines.add(new UsageLine(entry.path("model").asText(), entry.path("version").asText(),
                        entry.path("requests").asLong(), entry.path("rows").asLong(),
                        entry.path("compute_seconds").asDouble()));
            }
            return lines;
        } catch (IOException e) {
            throw unavailable();
        }
    }

    private static PlatformException unavailable() {
        return new PlatformException(502, "service-unavailable", "Bad gateway", "Usage could not be read from the inference router");
    }
}
