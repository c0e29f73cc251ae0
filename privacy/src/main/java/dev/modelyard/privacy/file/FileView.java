package dev.modelyard.privacy.file;

import dev.modelyard.privacy.kanon.AnonymizationReport;
import java.util.List;
import java.util.Locale;

/**
 * A file as the API shows it, shaped like OpenAI's file object plus what anonymization found; a file made by
 * k-anonymizing another also shows how (null, and so left out, otherwise).
 */
public record FileView(String id, String object, long bytes, long createdAt, String filename, String purpose,
                       String status, String format, long rows, List<String> columns, String sha256,
                       PiiReport piiReport, AnonymizationReport anonymization) {

    static FileView of(StoredFile file) {
        return new FileView(file.id, "file", file.bytes, file.createdAt.getEpochSecond(), file.filename,
                file.purpose, "processed", file.format.name().toLowerCase(Locale.ROOT), file.rows, file.columns,
                file.sha256, file.piiReport, file.anonymization);
    }
}
