package dev.modelyard.privacy.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads a stream one physical line at a time, decoding each line as strict UTF-8 on its own. Decoding
 * per line (rather than through a {@code Reader}, which decodes ahead in blocks) is what lets an
 * invalid byte be reported on the line that holds it.
 */
public final class Utf8Lines {

    /** A single line above this is not a text dataset; refusing it keeps memory bounded. */
    static final int MAX_LINE_BYTES = 16 * 1024 * 1024;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private final InputStream in;
    private final byte[] buffer = new byte[64 * 1024];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private byte[] line = new byte[1024];
    private int lineLength;
    private boolean lineAscii;
    private long lineNumber;

    public Utf8Lines(InputStream in) {
        this.in = in;
    }

    /** The next line without its {@code \n} or {@code \r\n}, or null at the end of the stream. */
    public String next() throws IOException {
        return advance() ? text() : null;
    }

    /**
     * Reads the next line, without its {@code \n} or {@code \r\n}, into {@link #bytes()}; false at the end of the
     * stream. The line is decoded only when {@link #text()} asks for it, so a caller that can work on its bytes
     * makes no string of it.
     */
    public boolean advance() throws IOException {
        int length = 0;
        boolean any = false;
        boolean ascii = true;
        while (true) {
            if (position == limit) {
                limit = Math.max(0, in.read(buffer));
                position = 0;
                if (limit == 0) {
                    if (!any) {
                        return false;
                    }
                    break;
                }
            }
            any = true;
            // Copies up to the next line feed in one go rather than byte by byte.
            int end = position;
            while (end < limit && buffer[end] != '\n') {
                ascii &= buffer[end] >= 0;
                end++;
            }
            int count = end - position;
            if (length + count > line.length) {
                if (length + count > MAX_LINE_BYTES) {
                    throw ContentErrors.atLine(lineNumber + 1, "line is longer than " + MAX_LINE_BYTES + " bytes");
                }
                line = Arrays.copyOf(line, Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + count)));
            }
            System.arraycopy(buffer, position, line, length, count);
            length += count;
            position = end;
            if (end < limit) {
                position++;
                break;
            }
        }
        lineNumber++;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        lineLength = length;
        lineAscii = ascii;
        return true;
    }

    /** The bytes of the line {@link #advance()} read, from 0 to {@link #length()}; overwritten by the next line. */
    public byte[] bytes() {
        return line;
    }

    public int length() {
        return lineLength;
    }

    /** Whether the line is all ASCII: then each of its bytes is one of its characters. */
    public boolean ascii() {
        return lineAscii;
    }

    /** The line {@link #advance()} read, decoded as strict UTF-8, without a byte order mark that begins the file. */
    public String text() {
        String text = lineAscii ? new String(line, 0, lineLength, StandardCharsets.ISO_8859_1) : decode(lineLength);
        return lineNumber == 1 && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }

    /** The number of the line {@link #next()} returned last, from 1. */
    public long lineNumber() {
        return lineNumber;
    }

    private String decode(int length) {
        try {
            return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            throw ContentErrors.atLine(lineNumber, "not valid UTF-8");
        }
    }
}
