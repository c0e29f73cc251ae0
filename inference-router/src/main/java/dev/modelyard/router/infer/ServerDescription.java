package dev.modelyard.router.infer;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What ServerMetadata and {@code GET /v2} answer: the router's name and version and the KServe / Triton
 * protocol extensions it serves to tenants (repository control stays with the platform).
 */
@ApplicationScoped
public class ServerDescription {

    public static final String NAME = "modelyard-inference-router";
    public static final List<String> EXTENSIONS = List.of("model_configuration", "statistics", "binary_tensor_data");

    private final String version;

    public ServerDescription(@ConfigProperty(name = "quarkus.application.version") String version) {
        this.version = version;
    }

    public KServeJson.ServerMetadata metadata() {
        return new KServeJson.ServerMetadata(NAME, version, EXTENSIONS);
    }
}
