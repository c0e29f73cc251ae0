package dev.modelyard.privacy.file;

import dev.modelyard.privacy.detect.ColumnClassifier;
import dev.modelyard.privacy.io.ContentErrors;
import dev.modelyard.privacy.io.CsvReader;
import dev.modelyard.privacy.io.Utf8CsvWriter;
import dev.modelyard.privacy.io.Utf8Lines;
import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.Pseudonymizer;
import dev.modelyard.privacy.pii.RecentRedactions;
import dev.modelyard.privacy.policy.AnonymizationPolicy;
import dev.modelyard.privacy.policy.Operator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
    public Anonymized anonymize(InputStream in, OutputStream out) throws IOException {
        CsvReader reader = new CsvReader(new Utf8Lines(in));
        Utf8CsvWriter writer = new Utf8CsvWriter(out);
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
        for (CsvReader.Record row = reader.nextRecord(); row != null; row = reader.nextRecord()) {
            if (row.size() != header.size()) {
                throw ContentErrors.atLine(reader.recordLine(),
                        "expected " + header.size() + " fields, found " + row.size());
            }
            for (int i = 0; i < row.size(); i++) {
                Operator columnOperator = columnOperators[i];
                if (columnOperator != null) {
                    writer.field(orEmpty(columnOperator.apply(row.get(i), null, pseudonymizer)));
                } else if (row.inBytes() && classifiers[i].type() == null) {
                    redactBytes(row, i, header.get(i), classifiers[i], recent[i], report, writer);
                } else {
                    writer.field(redact(row.get(i), header.get(i), classifiers[i], recent[i], report));
                }
            }
            writer.endRecord();
            report.endRow();
            rows++;
        }
        writer.flush();
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
        return learnedFrom(recent.redact(value), value, column, classifier, report);
    }

    /**
     * {@link #redact} for a value of an unclassified column read as bytes: a recent value is answered by its bytes,
     * and a value without personal data goes out as the bytes it came in, so neither becomes a string.
     */
    private void redactBytes(CsvReader.Record row, int field, String column, ColumnClassifier classifier,
                             RecentRedactions recent, PiiReport.Builder report, Utf8CsvWriter writer)
            throws IOException {
        byte[] bytes = row.bytes();
        int from = row.start(field);
        int to = row.end(field);
        PiiRedactor.Redaction redaction = recent.recent(bytes, from, to, row.hash(field));
        if (redaction == null) {
            redaction = recent.redact(row.get(field), bytes, from, to);
        }
        if (!redaction.findings().isEmpty() || classifier.isLearning()) {
            String text = learnedFrom(redaction, row.get(field), column, classifier, report);
            if (!redaction.findings().isEmpty()) {
                writer.field(text);
                return;
            }
        }
        writer.field(bytes, from, to);
    }

    /** Reports what the redaction found, teaches the classifier while it learns; the cell's text. */
    private static String learnedFrom(PiiRedactor.Redaction redaction, String value, String column,
                                      ColumnClassifier classifier, PiiReport.Builder report) {
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
