package dev.modelyard.privacy.io;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by commas, optionally in double quotes, where a quoted
 * field may hold commas, line breaks and {@code ""} for a quote. Holds one record at a time. Blank
 * lines between records are skipped.
 */
public final class CsvReader {

    private final Utf8Lines lines;
    private long recordLine;

    public CsvReader(Utf8Lines lines) {
        this.lines = lines;
    }

    /** The next record's fields, or null at the end. */
    public List<String> next() throws IOException {
        String line = lines.next();
        while (line != null && line.isEmpty()) {
            line = lines.next();
        }
        if (line == null) {
            return null;
        }
        recordLine = lines.lineNumber();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            if (i < line.length() && line.charAt(i) == '"') {
                i++;
                int close = line.indexOf('"', i);
                String value;
                if (close >= 0 && (close + 1 == line.length() || line.charAt(close + 1) != '"')) {
                    // Most quoted fields end on their line without a doubled quote: taken whole, not char by char.
                    value = line.substring(i, close);
                    i = close + 1;
                } else {
                    // A quoted field: runs to the closing quote, across as many lines as it takes.
                    while (true) {
                        if (i == line.length()) {
                            line = lines.next();
                            if (line == null) {
                                throw ContentErrors.atLine(recordLine, "quoted field is never closed");
                            }
                            field.append('\n');
                            i = 0;
                            continue;
                        }
                        char c = line.charAt(i++);
                        if (c != '"') {
                            field.append(c);
                        } else if (i < line.length() && line.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    }
                    value = field.toString();
                    field.setLength(0);
                }
                if (i < line.length() && line.charAt(i) != ',') {
                    throw ContentErrors.atLine(lines.lineNumber(), "unexpected character after a closing quote");
                }
                fields.add(value);
            } else {
                int end = line.indexOf(',', i);
                end = end < 0 ? line.length() : end;
                fields.add(line.substring(i, end));
                i = end;
            }
            if (i == line.length()) {
                return fields;
            }
            i++;
        }
    }

    /** The line on which the record {@link #next()} returned last begins. */
    public long recordLine() {
        return recordLine;
    }
}
