package dev.modelyard.privacy.file;

import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.Pseudonymizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Streams a dataset from {@code in} to {@code out} with identifier columns pseudonymized and personal
 * data replaced, validating it on the way; throws on the first problem, leaving {@code out} to be discarded.
 */
public abstract sealed class Anonymizer permits CsvAnonymizer, JsonlAnonymizer {

    protected final PiiRedactor redactor;
    protected final Pseudonymizer pseudonymizer;
    private final Set<String> identifierColumns;

    Anonymizer(PiiRedactor redactor, Pseudonymizer pseudonymizer, Set<String> identifierColumns) {
        this.redactor = redactor;
        this.pseudonymizer = pseudonymizer;
        this.identifierColumns = identifierColumns.stream().map(Anonymizer::normalized).collect(Collectors.toSet());
    }

    public static Anonymizer of(FileFormat format, PiiRedactor redactor, Pseudonymizer pseudonymizer,
                         Set<String> identifierColumns) {
        return switch (format) {
            case CSV -> new CsvAnonymizer(redactor, pseudonymizer, identifierColumns);
            case JSONL -> new JsonlAnonymizer(redactor, pseudonymizer, identifierColumns);
        };
    }

    public abstract Anonymized anonymize(InputStream in, Writer out) throws IOException;

    protected boolean isIdentifier(String column) {
        return column != null && identifierColumns.contains(normalized(column));
    }

    private static String normalized(String column) {
        return column.strip().toLowerCase(Locale.ROOT);
    }
}
