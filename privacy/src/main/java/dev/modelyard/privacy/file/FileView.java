package dev.modelyard.privacy.file;

import dev.modelyard.privacy.kanon.AnonymizationReport;
import dev.modelyard.privacy.policy.PolicyReference;
import java.util.List;
import java.util.Locale;

/**
 * A file as the API shows it, shaped like OpenAI's file object plus the policy version that anonymized it
 * (for a k-anonymized file, its source's) and what anonymization found; a file made by k-anonymizing another
 * also shows how (null, and so left out, otherwise).
 */
public record FileView(String id, String object, long bytes, long createdAt, String filename, String purpose,
                       String status, String format, long rows, List<String> columns, String sha256,
                       PolicyReference policy, PiiReport piiReport, AnonymizationReport anonymization) {

    static FileView of(StoredFile file) {
        return new FileView(file.id, "file", file.bytes, file.createdAt.getEpochSecond(), file.filename,
                file.purpose, "processed", file.format.name().toLowerCase(Locale.ROOT), file.rows, file.columns,
                file.sha256, new PolicyReference(file.policyId, file.policyVersion), file.piiReport, file.anonymization);
    }
}
