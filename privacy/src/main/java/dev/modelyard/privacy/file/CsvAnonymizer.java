package dev.modelyard.privacy.file;

import dev.modelyard.privacy.detect.ColumnClassifier;
import dev.modelyard.privacy.io.ContentErrors;
import dev.modelyard.privacy.io.CsvReader;
import dev.modelyard.privacy.io.CsvWriter;
import dev.modelyard.privacy.io.Utf8Lines;
import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.Pseudonymizer;
import dev.modelyard.privacy.pii.RecentRedactions;
import dev.modelyard.privacy.policy.AnonymizationPolicy;
import dev.modelyard.privacy.policy.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CSV with a header row; every row must have as many fields as the header. Each column learns from its
 * first values whether it holds one kind of personal data throughout ({@link ColumnClassifier}).
 */
final class CsvAnonymizer extends Anonymizer {

    CsvAnonymizer(PiiRedactor redactor, Pseudonymizer pseudonymizer, AnonymizationPolicy policy) {
        super(redactor, pseudonymizer, policy);
    }

    @Override
    public Anonymized anonymize(InputStream in, Writer out) throws IOException {
        CsvReader reader = new CsvReader(new Utf8Lines(in));
        CsvWriter writer = new CsvWriter(out);
        List<String> header = reader.next();
        if (header == null) {
            throw ContentErrors.atLine(1, "file is empty");
        }
        checkHeader(header, reader.recordLine());
        writer.write(header);
        PiiReport.Builder report = new PiiReport.Builder();
        Operator[] columnOperators = new Operator[header.size()];
        for (int i = 0; i < header.size(); i++) {
            columnOperators[i] = policy.forColumn(header.get(i));
            if (columnOperators[i] != null) {
                report.columnOperator(header.get(i), columnOperators[i]);
            }
        }
        ColumnClassifier[] classifiers = new ColumnClassifier[header.size()];
        RecentRedactions[] recent = new RecentRedactions[header.size()];
        for (int i = 0; i < header.size(); i++) {
            classifiers[i] = ColumnClassifier.of(redactor.settings());
            recent[i] = new RecentRedactions(redactor, header.get(i), replacement);
        }
        long rows = 0;
        List<String> anonymized = new ArrayList<>(header.size());
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            if (row.size() != header.size()) {
                throw ContentErrors.atLine(reader.recordLine(),
                        "expected " + header.size() + " fields, found " + row.size());
            }
            anonymized.clear();
            for (int i = 0; i < row.size(); i++) {
                String value = row.get(i);
                Operator columnOperator = columnOperators[i];
                if (columnOperator != null) {
                    anonymized.add(orEmpty(columnOperator.apply(value, null, pseudonymizer)));
                } else {
                    anonymized.add(redact(value, header.get(i), classifiers[i], recent[i], report));
                }
            }
            report.endRow();
            writer.write(anonymized);
            rows++;
        }
        return new Anonymized(rows, List.copyOf(header), report.build(policy));
    }

    /**
     * A value of a column classified as one type goes whole through the type's operator without being scanned;
     * until the column is classified, values are scanned span by span (a value the column repeats is answered from
     * its recent redactions) and teach the classifier. A suppressed value leaves an empty cell.
     */
    private String redact(String value, String column, ColumnClassifier classifier, RecentRedactions recent,
                          PiiReport.Builder report) {
        String columnType = classifier.type();
        if (columnType != null) {
            if (value.isBlank()) {
                return value;
            }
            report.add(column, columnType);
            return orEmpty(applyType(value, columnType));
        }
        PiiRedactor.Redaction redaction = recent.redact(value);
        report.add(column, redaction.findings());
        if (classifier.isLearning() && !value.isBlank()) {
            classifier.observe(redaction.wholeValueType(value));
            if (classifier.type() != null) {
                report.classified(column, classifier.type());
            }
        }
        return orEmpty(redaction.text());
    }

    /** A suppressed value (null) leaves an empty cell. */
    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static void checkHeader(List<String> header, long line) {
        Set<String> seen = new HashSet<>();
        for (String name : header) {
            if (name.isBlank()) {
                throw ContentErrors.atLine(line, "the header has a blank column name");
            }
            if (!seen.add(name.strip())) {
                throw ContentErrors.atLine(line, "the header names column '" + name.strip() + "' twice");
            }
        }
    }
}
