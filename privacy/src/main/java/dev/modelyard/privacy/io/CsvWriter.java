package dev.modelyard.privacy.io;

import java.io.IOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.List;

/**
 * Writes RFC 4180 records: CRLF line ends, quotes only where a field needs them. A record is put together
 * first and handed to the writer in one call, as each call on a buffered writer takes its lock.
 */
public final class CsvWriter {

    private final Writer out;
    private char[] record = new char[256];
    private int length;

    public CsvWriter(Writer out) {
        this.out = out;
    }

    public void write(List<String> fields) throws IOException {
        length = 0;
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                append(',');
            }
            appendField(fields.get(i));
        }
        append('\r');
        append('\n');
        out.write(record, 0, length);
    }

    private void appendField(String field) {
        // Copied first, then checked in the array, which is quicker than reading the string a second time.
        int start = length;
        ensureRoom(field.length());
        field.getChars(0, field.length(), record, start);
        length += field.length();
        if (!needsQuotes(record, start, length)) {
            return;
        }
        length = start;
        append('"');
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c == '"') {
                append('"');
            }
            append(c);
        }
        append('"');
    }

    private void append(char c) {
        ensureRoom(1);
        record[length++] = c;
    }

    private void ensureRoom(int more) {
        if (length + more > record.length) {
            record = Arrays.copyOf(record, Math.max(record.length * 2, length + more));
        }
    }

    private static boolean needsQuotes(char[] chars, int from, int to) {
        for (int i = from; i < to; i++) {
            if (needsQuotes(chars[i])) {
                return true;
            }
        }
        return false;
    }

    /** The four characters that need quotes all sort at or before the comma: one comparison for the rest. */
    static boolean needsQuotes(char c) {
        return c <= ',' && (c == ',' || c == '"' || c == '\n' || c == '\r');
    }
}
