package dev.modelyard.privacy.file;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import dev.modelyard.privacy.io.ContentErrors;
import dev.modelyard.privacy.io.Utf8Lines;
import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.Pseudonymizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * JSON Lines: one object per line, copied token by token so no line is ever built as a tree. Every
 * string value at any depth is redacted span by span, its key serving as context; a value under an
 * identifier key is pseudonymized. A file's
 * columns are its top-level keys in order of first appearance, and PII is reported under them.
 */
final class JsonlAnonymizer extends Anonymizer {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();

    JsonlAnonymizer(PiiRedactor redactor, Pseudonymizer pseudonymizer, Set<String> identifierColumns) {
        super(redactor, pseudonymizer, identifierColumns);
    }

    @Override
    public Anonymized anonymize(InputStream in, Writer out) throws IOException {
        Utf8Lines lines = new Utf8Lines(in);
        Set<String> columns = new LinkedHashSet<>();
        PiiReport.Builder report = new PiiReport.Builder();
        long rows = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (line.isBlank()) {
                continue;
            }
            try {
                copyObject(line, lines.lineNumber(), out, columns, report);
            } catch (JsonProcessingException e) {
                throw ContentErrors.atLine(lines.lineNumber(), "invalid JSON: " + e.getOriginalMessage());
            }
            out.write('\n');
            report.endRow();
            rows++;
        }
        if (rows == 0) {
            throw ContentErrors.atLine(1, "file is empty");
        }
        return new Anonymized(rows, new ArrayList<>(columns), report.build());
    }

    private void copyObject(String line, long lineNumber, Writer out, Set<String> columns, PiiReport.Builder report)
            throws IOException {
        try (JsonParser parser = JSON.createParser(line); JsonGenerator generator = JSON.createGenerator(out)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw ContentErrors.atLine(lineNumber, "expected a JSON object");
            }
            generator.copyCurrentEvent(parser);
            int depth = 1;
            String column = null;
            while (depth > 0) {
                JsonToken token = parser.nextToken();
                switch (token) {
                    case START_OBJECT, START_ARRAY -> {
                        depth++;
                        generator.copyCurrentEvent(parser);
                    }
                    case END_OBJECT, END_ARRAY -> {
                        depth--;
                        generator.copyCurrentEvent(parser);
                    }
                    case FIELD_NAME -> {
                        if (depth == 1) {
                            column = parser.currentName();
                            columns.add(column);
                        }
                        generator.copyCurrentEvent(parser);
                    }
                    case VALUE_STRING -> generator.writeString(anonymize(parser, column, report));
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        if (isIdentifier(parser.currentName())) {
                            generator.writeString(pseudonymizer.pseudonym(parser.getText()));
                        } else {
                            generator.copyCurrentEvent(parser);
                        }
                    }
                    default -> generator.copyCurrentEvent(parser);
                }
            }
            if (parser.nextToken() != null) {
                throw ContentErrors.atLine(lineNumber, "unexpected content after the JSON object");
            }
        }
    }

    private String anonymize(JsonParser parser, String column, PiiReport.Builder report) throws IOException {
        if (isIdentifier(parser.currentName())) {
            return pseudonymizer.pseudonym(parser.getText());
        }
        PiiRedactor.Redaction redaction = redactor.redact(parser.getText(), parser.currentName());
        report.add(column, redaction.findings());
        return redaction.text();
    }
}
