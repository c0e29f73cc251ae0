package dev.modelyard.training.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelyard.training.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import java.util.Optional;

/** The model registry: versions to continue training from, and where trained models are registered. */
@ApplicationScoped
public class RegistryClient {

    private final ServiceCalls calls;
    private final ServiceTokens tokens;

    public RegistryClient(TrainingConfig config, ServiceTokens tokens) {
        this.calls = new ServiceCalls("registry", config.services().registry());
        this.tokens = tokens;
    }

    /** Whether the caller's tenant has version {@code version} of model {@code name}. */
    public boolean hasVersion(String name, int version, String authorization) {
        return calls.getJson(versionPath(name, version), authorization).isPresent();
    }

    /** The version the alias points at, looked up with the caller's credentials; empty when there is none. */
    public Optional<Integer> aliasVersion(String name, String alias, String authorization) {
        return calls.getJson(modelPath(name) + "/aliases", authorization).flatMap(aliases -> {
            for (JsonNode entry : aliases.path("data")) {
                if (alias.equals(entry.path("alias").asText()) && entry.path("version").canConvertToInt()) {
                    return Optional.of(entry.path("version").asInt());
                }
            }
            return Optional.empty();
        });
    }

    public void downloadArtifact(String name, int version, String tenant, Path target) {
        calls.download(versionPath(name, version) + "/artifact", tokens.bearer(tenant), target);
    }

    /** Uploads a model file into the tenant's content-addressed artifacts and returns its SHA-256. */
    public String uploadArtifact(Path file, String tenant) {
        return calls.postFile("/v1/artifacts", tokens.bearer(tenant), file).path("sha256").asText();
    }

    /** Registers a new version of {@code name} (creating the model if needed) and returns its number. */
    public int registerVersion(String name, ObjectNode version, String tenant) {
        JsonNode registered = calls.postJson(modelPath(name) + "/versions", tokens.bearer(tenant), version);
        if (!registered.path("version").canConvertToInt()) {
            throw new UpstreamException("registry", 200, "registered a version without a number: " + registered);
        }
        return registered.path("version").asInt();
    }

    private static String modelPath(String name) {
        return "/v1/models/" + ServiceCalls.segment(name);
    }

    private static String versionPath(String name, int version) {
        return modelPath(name) + "/versions/" + version;
    }
}
