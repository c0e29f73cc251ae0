package dev.modelyard.privacy.file;

import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.Pseudonymizer;
import dev.modelyard.privacy.policy.AnonymizationPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Set;

/**
 * Streams a dataset from {@code in} to {@code out} anonymized by a policy's operators (columns with an operator
 * take it whole, every other value is scanned and each finding gets its type's operator), validating it on the
 * way; throws on the first problem, leaving {@code out} to be discarded.
 */
public abstract sealed class Anonymizer permits CsvAnonymizer, JsonlAnonymizer {

    protected final PiiRedactor redactor;
    protected final Pseudonymizer pseudonymizer;
    protected final AnonymizationPolicy policy;
    /** Each finding through its type's operator; null (drop the value) where the operator suppresses. */
    protected final PiiRedactor.Replacement replacement;

    Anonymizer(PiiRedactor redactor, Pseudonymizer pseudonymizer, AnonymizationPolicy policy) {
        this.redactor = redactor;
        this.pseudonymizer = pseudonymizer;
        this.policy = policy;
        this.replacement = (text, finding) -> policy.forType(finding.type())
                .apply(text.substring(finding.start(), finding.end()), finding.type(), pseudonymizer);
    }

    public static Anonymizer of(FileFormat format, PiiRedactor redactor, Pseudonymizer pseudonymizer,
                                AnonymizationPolicy policy) {
        return switch (format) {
            case CSV -> new CsvAnonymizer(redactor, pseudonymizer, policy);
            case JSONL -> new JsonlAnonymizer(redactor, pseudonymizer, policy);
        };
    }

    /** With the platform default policy: {@code identifierColumns} pseudonymized, every finding replaced by its type. */
    public static Anonymizer of(FileFormat format, PiiRedactor redactor, Pseudonymizer pseudonymizer,
                                Set<String> identifierColumns) {
        return of(format, redactor, pseudonymizer, AnonymizationPolicy.platformDefault(identifierColumns));
    }

    /** Writes the anonymized dataset to {@code out} as UTF-8, flushed once it is all there. */
    public abstract Anonymized anonymize(InputStream in, OutputStream out) throws IOException;

    /** A whole value through a type's operator; null when the operator suppresses it. */
    protected String applyType(String value, String type) {
        return policy.forType(type).apply(value, type, pseudonymizer);
    }
}
