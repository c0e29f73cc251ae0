package dev.modelyard.registry.version;

import dev.modelyard.registry.model.ModelRequests;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the model-version endpoints. */
public final class VersionRequests {

    private VersionRequests() {
    }

    public record Create(
            // Checked by the service, which names the field as the JSON does: artifact_sha256.
            String artifactSha256,
            @NotNull @Pattern(regexp = "onnx", message = "must be onnx") String format,
            @NotNull @Valid Signature signature,
            Map<String, Object> metrics,
            Lineage lineage,
            @Size(max = 2000) String description,
            @Size(max = ModelRequests.MAX_TAGS) Map<@Size(min = 1, max = 64) String, @Size(max = 256) String> tags,
            boolean createModel) {
    }

    public record TagValue(@NotNull @Size(max = 256) String value) {
    }
}
