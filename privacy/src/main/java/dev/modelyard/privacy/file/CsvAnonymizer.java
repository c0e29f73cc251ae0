package dev.modelyard.privacy.file;

import dev.modelyard.privacy.io.ContentErrors;
import dev.modelyard.privacy.io.CsvReader;
import dev.modelyard.privacy.io.CsvWriter;
import dev.modelyard.privacy.io.Utf8Lines;
import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.Pseudonymizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** CSV with a header row; every row must have as many fields as the header. */
final class CsvAnonymizer extends Anonymizer {

    CsvAnonymizer(PiiRedactor redactor, Pseudonymizer pseudonymizer, Set<String> identifierColumns) {
        super(redactor, pseudonymizer, identifierColumns);
    }

    @Override
    Anonymized anonymize(InputStream in, Writer out) throws IOException {
        CsvReader reader = new CsvReader(new Utf8Lines(in));
        CsvWriter writer = new CsvWriter(out);
        List<String> header = reader.next();
        if (header == null) {
            throw ContentErrors.atLine(1, "file is empty");
        }
        checkHeader(header, reader.recordLine());
        boolean[] identifiers = new boolean[header.size()];
        for (int i = 0; i < header.size(); i++) {
            identifiers[i] = isIdentifier(header.get(i));
        }
        writer.write(header);
        PiiReport.Builder report = new PiiReport.Builder();
        long rows = 0;
        List<String> anonymized = new ArrayList<>(header.size());
        for (List<String> row = reader.next(); row != null; row = reader.next()) {
            if (row.size() != header.size()) {
                throw ContentErrors.atLine(reader.recordLine(),
                        "expected " + header.size() + " fields, found " + row.size());
            }
            anonymized.clear();
            for (int i = 0; i < row.size(); i++) {
                if (identifiers[i]) {
                    anonymized.add(pseudonymizer.pseudonym(row.get(i)));
                } else {
                    PiiRedactor.Redaction redaction = redactor.redact(row.get(i));
                    report.add(header.get(i), redaction.found());
                    anonymized.add(redaction.text());
                }
            }
            report.endRow();
            writer.write(anonymized);
            rows++;
        }
        return new Anonymized(rows, List.copyOf(header), report.build());
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
