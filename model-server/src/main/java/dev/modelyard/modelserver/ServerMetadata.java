package dev.modelyard.modelserver;

import java.util.List;

/** What ServerMetadata and {@code GET /v2} answer. */
public record ServerMetadata(String name, String version, List<String> extensions) {

    public static final String NAME = "modelyard-model-server";

    /** The Triton protocol extensions this server implements (KServe v2 names them in the metadata). */
    public static final List<String> EXTENSIONS = List.of("model_repository", "model_configuration", "statistics", "binary_tensor_data");
}
