package dev.modelyard.registry.version;

import java.util.List;
import java.util.Map;

/** A model version as the API shows it, with the aliases that point at it. */
public record VersionView(String object, String id, String model, int version, String artifactSha256,
                          long artifactSize, String format, String description, Signature signature,
                          Map<String, Object> metrics, Lineage lineage, Map<String, String> tags,
                          List<String> aliases, long createdAt, String createdBy) {

    static VersionView of(ModelVersion version, String modelName, List<String> aliases) {
        return new VersionView("model.version", version.id, modelName, version.version, version.artifactSha256,
                version.artifactSize, version.format, version.description, version.signature, version.metrics,
                version.lineage, version.tags, aliases, version.createdAt.getEpochSecond(), version.createdBy);
    }
}
