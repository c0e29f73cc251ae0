package dev.modelyard.registry.artifact;

/** An uploaded artifact as the API shows it. */
public record ArtifactView(String object, String sha256, long size, long createdAt) {

    static ArtifactView of(Artifact artifact) {
        return new ArtifactView("artifact", artifact.sha256, artifact.size, artifact.createdAt.getEpochSecond());
    }
}
