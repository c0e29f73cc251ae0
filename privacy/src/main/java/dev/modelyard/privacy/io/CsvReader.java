package dev.modelyard.privacy.io;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields separated by commas, optionally in double quotes, where a quoted
 * field may hold commas, line breaks and {@code ""} for a quote. Holds one record at a time. Blank
 * lines between records are skipped.
 */
public final class CsvReader {

    private final Utf8Lines lines;
    private final Record record = new Record();
    private long recordLine;

    public CsvReader(Utf8Lines lines) {
        this.lines = lines;
    }

    /** The next record's fields, or null at the end. */
    public List<String> next() throws IOException {
        if (!advancePastBlankLines()) {
            return null;
        }
        return parse(lines.text());
    }

    /**
     * The next record, or null at the end, in one {@link Record} that every call reuses. A record on one line of
     * ASCII whose quoted fields hold no doubled quote (most records) is not decoded: its fields are ranges of the
     * line's bytes, and each becomes a string only when asked for. Any other record is read as {@link #next()}
     * reads it.
     */
    public Record nextRecord() throws IOException {
        if (!advancePastBlankLines()) {
            return null;
        }
        if (!lines.ascii() || !record.readRanges(lines.bytes(), lines.length())) {
            record.setTexts(parse(lines.text()));
        }
        return record;
    }

    private boolean advancePastBlankLines() throws IOException {
        boolean more = lines.advance();
        while (more && lines.length() == 0) {
            more = lines.advance();
        }
        if (more) {
            recordLine = lines.lineNumber();
        }
        return more;
    }

    /** The record that begins on {@code line}; a quoted field may take more lines from {@link #lines}. */
    private List<String> parse(String line) throws IOException {
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

    /**
     * One record's fields: ranges of its line's bytes (all ASCII, so each byte is one character) where the record
     * could be read that way, otherwise strings. Valid until the reader moves on.
     */
    public static final class Record {

        private byte[] bytes;
        private int[] starts = new int[16];
        private int[] ends = new int[16];
        private int[] hashes = new int[16];
        private String[] texts = new String[16];
        private int size;

        public int size() {
            return size;
        }

        /** The field's text. */
        public String get(int field) {
            String text = texts[field];
            if (text == null) {
                text = new String(bytes, starts[field], ends[field] - starts[field], StandardCharsets.ISO_8859_1);
                texts[field] = text;
            }
            return text;
        }

        /** Whether the fields are ranges of {@link #bytes()}; otherwise only {@link #get} has them. */
        public boolean inBytes() {
            return bytes != null;
        }

        /** The line the fields are ranges of, ASCII throughout; null where {@link #inBytes()} is false. */
        public byte[] bytes() {
            return bytes;
        }

        public int start(int field) {
            return starts[field];
        }

        public int end(int field) {
            return ends[field];
        }

        /** The field's {@link String#hashCode()}, worked out from its bytes as they were split. */
        public int hash(int field) {
            return hashes[field];
        }

        /**
         * Splits an ASCII line into fields, as {@link CsvReader#parse} would: plain fields up to the next comma,
         * quoted ones up to their closing quote. False, leaving the record to be parsed from the text, where a
         * quoted field holds a doubled quote, goes on past the line, or is followed by anything but a comma.
         */
        boolean readRanges(byte[] line, int length) {
            size = 0;
            int i = 0;
            while (true) {
                boolean quoted = i < length && line[i] == '"';
                char delimiter = quoted ? '"' : ',';
                int start = quoted ? i + 1 : i;
                // Each field's string hash code is worked out in the pass that finds its end.
                int hash = 0;
                int end = start;
                while (end < length && line[end] != delimiter) {
                    hash = 31 * hash + line[end];
                    end++;
                }
                if (quoted) {
                    if (end == length || end + 1 < length && line[end + 1] != ',') {
                        return false;
                    }
                    i = end + 1;
                } else {
                    i = end;
                }
                add(start, end);
                hashes[size - 1] = hash;
                if (i == length) {
                    bytes = line;
                    return true;
                }
                i++;
            }
        }

        private void add(int start, int end) {
            if (size == starts.length) {
                starts = Arrays.copyOf(starts, size * 2);
                ends = Arrays.copyOf(ends, size * 2);
                hashes = Arrays.copyOf(hashes, size * 2);
                texts = Arrays.copyOf(texts, size * 2);
            }
            starts[size] = start;
            ends[size] = end;
            texts[size] = null;
            size++;
        }

        void setTexts(List<String> fields) {
            bytes = null;
            size = 0;
            for (String field : fields) {
                add(0, 0);
                texts[size - 1] = field;
            }
        }

    }
}
