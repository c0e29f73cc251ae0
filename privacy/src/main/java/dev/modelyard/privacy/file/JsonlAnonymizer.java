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
import dev.modelyard.privacy.pii.RecentRedactions;
import dev.modelyard.privacy.policy.AnonymizationPolicy;
import dev.modelyard.privacy.policy.Operator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * JSON Lines: one object per line, copied token by token so no line is ever built as a tree. A key at any
 * depth that has a column operator gives it its string or number value whole (a number turns into a string
 * unless kept), and an object or array under it is copied whole by {@code keep}, becomes {@code null} by
 * {@code suppress}, and is otherwise scanned like the rest. Every other string value is scanned span by span,
 * its key serving as context; a finding whose operator suppresses makes the whole string {@code null}. A key's
 * repeated values (roles, labels, categories) are answered from its recent redactions. A file's columns are its
 * top-level keys in order of first appearance, and PII is reported under them.
 */
final class JsonlAnonymizer extends Anonymizer {

    private static final JsonFactory JSON = JsonFactory.builder()
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .build();
    /** The most keys whose recent redactions are kept, which bounds memory; further keys' values are always scanned. */
    static final int MAX_REMEMBERED_KEYS = 256;
    private static final int OUTPUT_BUFFER_CHARS = 64 * 1024;

    JsonlAnonymizer(PiiRedactor redactor, Pseudonymizer pseudonymizer, AnonymizationPolicy policy) {
        super(redactor, pseudonymizer, policy);
    }

    @Override
    public Anonymized anonymize(InputStream in, OutputStream utf8) throws IOException {
        Writer out = new BufferedWriter(new OutputStreamWriter(utf8, StandardCharsets.UTF_8), OUTPUT_BUFFER_CHARS);
        Utf8Lines lines = new Utf8Lines(in);
        Set<String> columns = new LinkedHashSet<>();
        PiiReport.Builder report = new PiiReport.Builder();
        Map<String, RecentRedactions> recentByKey = new HashMap<>();
        long rows = 0;
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (line.isBlank()) {
                continue;
            }
            try {
                copyObject(line, lines.lineNumber(), out, columns, report, recentByKey);
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
        out.flush();
        return new Anonymized(rows, new ArrayList<>(columns), report.build(policy));
    }

    private void copyObject(String line, long lineNumber, Writer out, Set<String> columns, PiiReport.Builder report,
                            Map<String, RecentRedactions> recentByKey) throws IOException {
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
                        Operator operator = columnOperator(parser, report);
                        if (operator instanceof Operator.Keep) {
                            generator.copyCurrentStructure(parser);
                        } else if (operator instanceof Operator.Suppress) {
                            parser.skipChildren();
                            generator.writeNull();
                        } else {
                            depth++;
                            generator.copyCurrentEvent(parser);
                        }
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
                    case VALUE_STRING -> writeStringOrNull(generator, anonymize(parser, column, report, recentByKey));
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                        Operator operator = columnOperator(parser, report);
                        if (operator == null || operator instanceof Operator.Keep) {
                            generator.copyCurrentEvent(parser);
                        } else {
                            writeStringOrNull(generator, operator.apply(parser.getText(), null, pseudonymizer));
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

    /** The string anonymized, or null when it is suppressed. */
    private String anonymize(JsonParser parser, String column, PiiReport.Builder report,
                             Map<String, RecentRedactions> recentByKey) throws IOException {
        Operator operator = columnOperator(parser, report);
        if (operator != null) {
            return operator.apply(parser.getText(), null, pseudonymizer);
        }
        PiiRedactor.Redaction redaction = redact(parser.getText(), parser.currentName(), recentByKey);
        report.add(column, redaction.findings());
        return redaction.text();
    }

    /** The value of {@code key} (null in an array) redacted, from the key's recent redactions where it repeats one. */
    private PiiRedactor.Redaction redact(String value, String key, Map<String, RecentRedactions> recentByKey) {
        RecentRedactions recent = recentByKey.get(key);
        if (recent == null) {
            if (recentByKey.size() == MAX_REMEMBERED_KEYS) {
                return redactor.redact(value, key, replacement);
            }
            recent = new RecentRedactions(redactor, key, replacement);
            recentByKey.put(key, recent);
        }
        return recent.redact(value);
    }

    /** The operator of the key the current value belongs to, noted in the report; null when it has none. */
    private Operator columnOperator(JsonParser parser, PiiReport.Builder report) throws IOException {
        String key = parser.currentName();
        Operator operator = policy.forColumn(key);
        if (operator != null) {
            report.columnOperator(key, operator);
        }
        return operator;
    }

    private static void writeStringOrNull(JsonGenerator generator, String value) throws IOException {
        if (value == null) {
            generator.writeNull();
        } else {
            generator.writeString(value);
        }
    }
}
