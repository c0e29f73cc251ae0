package dev.modelyard.training.clients;

import dev.modelyard.training.TrainingConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/** The privacy service's files: what a job may train on, and the anonymized bytes themselves. */
@ApplicationScoped
public class PrivacyClient {

    public static final String FINE_TUNE = "fine-tune";

    private final ServiceCalls calls;
    private final ServiceTokens tokens;

    public PrivacyClient(TrainingConfig config, ServiceTokens tokens) {
        this.calls = new ServiceCalls("privacy", config.services().privacy());
        this.tokens = tokens;
    }

    /** A file as its owner sees it. */
    public record FileInfo(String id, String purpose) {
    }

    /** The file, looked up with the caller's own credentials; empty when the caller's tenant has no such file. */
    public Optional<FileInfo> describe(String fileId, String authorization) {
        return calls.getJson("/v1/files/" + ServiceCalls.segment(fileId), authorization)
                .map(file -> new FileInfo(file.path("id").asText(fileId), file.path("purpose").asText(null)));
    }

    /**
     * Downloads the file's anonymized content as {@code <directory>/<name>.csv} or {@code .jsonl}, the
     * extension telling the trainer how to read it, and returns that path.
     */
    public Path download(String fileId, String tenant, Path directory, String name) {
        Path partial = directory.resolve(name + ".part");
        String mediaType = calls.download("/v1/files/" + ServiceCalls.segment(fileId) + "/content",
                tokens.bearer(tenant), partial);
        Path target = directory.resolve(name + "." + extensionOf(mediaType, fileId));
        try {
            return Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String extensionOf(String mediaType, String fileId) {
        if (mediaType.startsWith("text/csv")) {
            return "csv";
        }
        if (mediaType.startsWith("application/jsonl") || mediaType.startsWith("application/x-ndjson")) {
            return "jsonl";
        }
        throw new UpstreamException("privacy", 422, "file " + fileId + " has content of type " + mediaType
                + ", neither CSV nor JSON Lines");
    }
}
