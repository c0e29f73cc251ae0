package dev.modelyard.privacy.file;

import java.util.List;
import java.util.Locale;

/** A file as the API shows it, shaped like OpenAI's file object plus what anonymization found. */
public record FileView(String id, String object, long bytes, long createdAt, String filename, String purpose,
                       String status, String format, long rows, List<String> columns, String sha256,
                       PiiReport piiReport) {

    static FileView of(StoredFile file) {
        return new FileView(file.id, "file", file.bytes, file.createdAt.getEpochSecond(), file.filename,
                file.purpose, "processed", file.format.name().toLowerCase(Locale.ROOT), file.rows, file.columns,
                file.sha256, file.piiReport);
    }
}
