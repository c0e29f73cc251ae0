package dev.modelyard.privacy.io;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;

/**
 * Writes RFC 4180 records as UTF-8 bytes, exactly as {@link CsvWriter} through a UTF-8 writer would (CRLF line
 * ends, quotes only where a field needs them, a lone surrogate as {@code ?}), field by field. A field can also be
 * given as a range of ASCII bytes, such as a value read from the input that goes out unchanged: it is copied
 * without ever being a string or characters. Buffers its output; {@link #flush()} at the end.
 */
public final class Utf8CsvWriter {

    private static final int BUFFER_BYTES = 64 * 1024;
    /** The most bytes one character takes: three in UTF-8 (a surrogate pair takes four for two characters). */
    private static final int MAX_BYTES_PER_CHAR = 3;

    private final OutputStream out;
    private byte[] buffer = new byte[BUFFER_BYTES];
    private int length;
    private boolean recordStarted;

    public Utf8CsvWriter(OutputStream out) {
        this.out = out;
    }

    public void write(List<String> fields) throws IOException {
        for (String field : fields) {
            field(field);
        }
        endRecord();
    }

    /** The next field of the current record. */
    public void field(String field) throws IOException {
        int chars = field.length();
        startField(MAX_BYTES_PER_CHAR * chars + 2);
        int start = length;
        for (int i = 0; i < chars; i++) {
            char c = field.charAt(i);
            if (c >= 0x80 || CsvWriter.needsQuotes(c)) {
                length = start;
                encode(field);
                return;
            }
            buffer[length++] = (byte) c;
        }
    }

    /** The next field of the current record: {@code bytes} from {@code from} to {@code to}, all ASCII. */
    public void field(byte[] bytes, int from, int to) throws IOException {
        int count = to - from;
        startField(2 * count + 2);
        boolean quoted = false;
        for (int i = from; i < to; i++) {
            if (CsvWriter.needsQuotes((char) bytes[i])) {
                quoted = true;
                break;
            }
        }
        if (!quoted) {
            System.arraycopy(bytes, from, buffer, length, count);
            length += count;
            return;
        }
        buffer[length++] = '"';
        for (int i = from; i < to; i++) {
            if (bytes[i] == '"') {
                buffer[length++] = '"';
            }
            buffer[length++] = bytes[i];
        }
        buffer[length++] = '"';
    }

    public void endRecord() throws IOException {
        ensureRoom(2);
        buffer[length++] = '\r';
        buffer[length++] = '\n';
        recordStarted = false;
    }

    /** Writes out what is buffered and flushes the stream. */
    public void flush() throws IOException {
        out.write(buffer, 0, length);
        length = 0;
        out.flush();
    }

    /** Makes room for a field of at most {@code bytes} and its separator, and writes the separator. */
    private void startField(int bytes) throws IOException {
        ensureRoom(bytes + 1);
        if (recordStarted) {
            buffer[length++] = ',';
        }
        recordStarted = true;
    }

    /** The field in UTF-8, quoted where it needs it, with its quotes doubled. */
    private void encode(String field) {
        boolean quoted = false;
        for (int i = 0; i < field.length() && !quoted; i++) {
            quoted = CsvWriter.needsQuotes(field.charAt(i));
        }
        if (quoted) {
            buffer[length++] = '"';
        }
        for (int i = 0; i < field.length(); i++) {
            char c = field.charAt(i);
            if (c < 0x80) {
                if (c == '"') {
                    buffer[length++] = '"';
                }
                buffer[length++] = (byte) c;
            } else if (c < 0x800) {
                buffer[length++] = (byte) (0xC0 | c >> 6);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            } else if (Character.isHighSurrogate(c) && i + 1 < field.length()
                    && Character.isLowSurrogate(field.charAt(i + 1))) {
                int codePoint = Character.toCodePoint(c, field.charAt(++i));
                buffer[length++] = (byte) (0xF0 | codePoint >> 18);
                buffer[length++] = (byte) (0x80 | codePoint >> 12 & 0x3F);
                buffer[length++] = (byte) (0x80 | codePoint >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | codePoint & 0x3F);
            } else if (Character.isSurrogate(c)) {
                // What a UTF-8 writer puts for a surrogate without its pair.
                buffer[length++] = '?';
            } else {
                buffer[length++] = (byte) (0xE0 | c >> 12);
                buffer[length++] = (byte) (0x80 | c >> 6 & 0x3F);
                buffer[length++] = (byte) (0x80 | c & 0x3F);
            }
        }
        if (quoted) {
            buffer[length++] = '"';
        }
    }

    private void ensureRoom(int bytes) throws IOException {
        if (length + bytes <= buffer.length) {
            return;
        }
        out.write(buffer, 0, length);
        length = 0;
        if (bytes > buffer.length) {
            buffer = Arrays.copyOf(buffer, bytes);
        }
    }
}
