package dev.modelyard.privacy.file;

import java.util.Locale;
import java.util.Optional;

/** The dataset formats a file can have, told apart by the file name's extension or the part's content type. */
public enum FileFormat {
    CSV("csv", "text/csv; charset=utf-8"),
    JSONL("jsonl", "application/jsonl; charset=utf-8");

    private final String extension;
    private final String mediaType;

    FileFormat(String extension, String mediaType) {
        this.extension = extension;
        this.mediaType = mediaType;
    }

    public String extension() {
        return extension;
    }

    public String mediaType() {
        return mediaType;
    }

    static Optional<FileFormat> of(String filename, String contentType) {
        String name = filename == null ? "" : filename.toLowerCase(Locale.ROOT);
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv") || type.startsWith("text/csv")) {
            return Optional.of(CSV);
        }
        if (name.endsWith(".jsonl") || type.startsWith("application/jsonl") || type.startsWith("application/x-ndjson")) {
            return Optional.of(JSONL);
        }
        return Optional.empty();
    }
}
