package dev.modelyard.privacy.io;

import dev.modelyard.common.error.PlatformException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as it arrives, without buffering a part
 * or writing it anywhere: each part's body is a stream that ends where the next boundary begins. Memory is
 * one fixed buffer, whatever the size of the parts. A malformed body is a 400.
 */
public final class MultipartReader {

    /** RFC 2046 limits a boundary to 70 characters. */
    private static final int MAX_BOUNDARY_LENGTH = 70;
    private static final int MAX_HEADER_LINE_BYTES = 8 * 1024;
    private static final int MAX_HEADERS = 16;
    private static final int BUFFER_SIZE = 64 * 1024;

    private final InputStream in;
    /** CRLF, two hyphens and the boundary: what ends a part. */
    private final byte[] delimiter;
    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;
    private int limit;
    /** No delimiter starts before this index of the buffer, so the bytes up to it are part content. */
    private int contentUntil;
    private boolean endOfInput;
    private PartBody current;
    private boolean closed;

    public MultipartReader(InputStream in, String boundary) {
        if (boundary == null || boundary.isEmpty() || boundary.length() > MAX_BOUNDARY_LENGTH
                || !StandardCharsets.US_ASCII.newEncoder().canEncode(boundary)) {
            throw malformed("the content type has no valid boundary");
        }
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.US_ASCII);
        // The first boundary may open the body with no CRLF before it; a virtual one makes it a delimiter too.
        buffer[0] = '\r';
        buffer[1] = '\n';
        limit = 2;
    }

    /** The next part, or null after the closing boundary; whatever is left of the previous part is skipped. */
    public Part next() throws IOException {
        if (closed) {
            return null;
        }
        PartBody preambleOrPrevious = current == null ? new PartBody() : current;
        preambleOrPrevious.skipRest();
        require(2);
        if (buffer[position] == '-' && buffer[position + 1] == '-') {
            closed = true;
            return null;
        }
        String padding = readLine();
        if (!padding.isBlank()) {
            throw malformed("a boundary is followed by '" + padding.strip() + "'");
        }
        current = new PartBody();
        return readHeaders(current);
    }

    private Part readHeaders(PartBody body) throws IOException {
        String disposition = null;
        String contentType = null;
        int count = 0;
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            if (++count > MAX_HEADERS) {
                throw malformed("a part has more than " + MAX_HEADERS + " headers");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw malformed("a part header has no name");
            }
            String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (name) {
                case "content-disposition" -> disposition = value;
                case "content-type" -> contentType = value;
                default -> {
                    // Other part headers (Content-Transfer-Encoding, say) mean nothing to a form field.
                }
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw malformed("a part has no Content-Disposition: form-data header");
        }
        String name = parameter(disposition, "name");
        if (name == null) {
            throw malformed("a part has no name");
        }
        return new Part(name, parameter(disposition, "filename"), contentType, body);
    }

    /** A header line without its CRLF, decoded as UTF-8, which is how browsers send non-ASCII file names. */
    private String readLine() throws IOException {
        int start = position;
        int scanned = position;
        while (true) {
            int end = Math.min(limit, start + MAX_HEADER_LINE_BYTES + 2);
            for (int i = scanned; i + 1 < end; i++) {
                if (buffer[i] == '\r' && buffer[i + 1] == '\n') {
                    position = i + 2;
                    return new String(buffer, start, i - start, StandardCharsets.UTF_8);
                }
            }
            if (end - start >= MAX_HEADER_LINE_BYTES + 2) {
                throw malformed("a part header is longer than " + MAX_HEADER_LINE_BYTES + " bytes");
            }
            scanned = Math.max(start, limit - 1);
            int shift = position;
            if (!fill()) {
                throw endsEarly();
            }
            start -= shift;
            scanned -= shift;
        }
    }

    /** Makes at least {@code count} bytes available from {@code position}. */
    private void require(int count) throws IOException {
        while (limit - position < count) {
            if (!fill()) {
                throw endsEarly();
            }
        }
    }

    /** Moves the unread bytes to the buffer's start and reads more after them; false at the end of the input. */
    private boolean fill() throws IOException {
        if (endOfInput) {
            return false;
        }
        if (position > 0) {
            System.arraycopy(buffer, position, buffer, 0, limit - position);
            limit -= position;
            contentUntil = Math.max(0, contentUntil - position);
            position = 0;
        }
        int read = in.read(buffer, limit, buffer.length - limit);
        if (read < 0) {
            endOfInput = true;
            return false;
        }
        limit += read;
        return true;
    }

    /** Where the delimiter starts in the buffer from {@code position}, or -1. */
    private int delimiterIndex() {
        byte first = delimiter[0];
        for (int i = position, last = limit - delimiter.length; i <= last; i++) {
            if (buffer[i] == first && matchesDelimiterAt(i)) {
                return i;
            }
        }
        return -1;
    }

    private boolean matchesDelimiterAt(int index) {
        for (int j = 1; j < delimiter.length; j++) {
            if (buffer[index + j] != delimiter[j]) {
                return false;
            }
        }
        return true;
    }

    /** The value of {@code name="value"} (or an unquoted token) in a Content-Disposition header, or null. */
    static String parameter(String header, String name) {
        int i = header.indexOf(';');
        while (i >= 0 && i < header.length()) {
            int equals = header.indexOf('=', i);
            if (equals < 0) {
                return null;
            }
            String key = header.substring(i + 1, equals).strip();
            int start = equals + 1;
            while (start < header.length() && header.charAt(start) == ' ') {
                start++;
            }
            StringBuilder value = new StringBuilder();
            int end;
            if (start < header.length() && header.charAt(start) == '"') {
                end = start + 1;
                while (end < header.length() && header.charAt(end) != '"') {
                    if (header.charAt(end) == '\\' && end + 1 < header.length()) {
                        end++;
                    }
                    value.append(header.charAt(end++));
                }
                end = header.indexOf(';', end);
            } else {
                end = header.indexOf(';', start);
                value.append(header, start, end < 0 ? header.length() : end);
            }
            if (key.equalsIgnoreCase(name)) {
                return value.toString().strip();
            }
            i = end;
        }
        return null;
    }

    private static PlatformException malformed(String reason) {
        return PlatformException.badRequest("The multipart body is malformed: " + reason);
    }

    private static PlatformException endsEarly() {
        return malformed("it ends before its closing boundary");
    }

    /** A form field as it arrives; {@code filename} and {@code contentType} are null when the part has none. */
    public record Part(String name, String filename, String contentType, InputStream body) {

        /** The body as UTF-8 text; a field of more than {@code maxBytes} is refused. */
        public String text(int maxBytes) throws IOException {
            byte[] bytes = body.readNBytes(maxBytes + 1);
            if (bytes.length > maxBytes) {
                throw malformed("the field '" + name + "' is longer than " + maxBytes + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** The bytes of one part, up to the delimiter that ends it. */
    private final class PartBody extends InputStream {

        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (ended) {
                return -1;
            }
            if (length == 0) {
                return 0;
            }
            while (position >= contentUntil) {
                int index = delimiterIndex();
                if (index == position) {
                    position += delimiter.length;
                    contentUntil = position;
                    ended = true;
                    return -1;
                }
                if (index > position) {
                    contentUntil = index;
                } else if (limit - delimiter.length + 1 > position) {
                    // The tail may be the start of a delimiter, so it waits for more input.
                    contentUntil = limit - delimiter.length + 1;
                } else if (!fill()) {
                    throw endsEarly();
                }
            }
            int count = Math.min(length, contentUntil - position);
            System.arraycopy(buffer, position, target, offset, count);
            position += count;
            return count;
        }

        void skipRest() throws IOException {
            byte[] discard = new byte[8 * 1024];
            while (read(discard, 0, discard.length) >= 0) {
                // Skipped content is neither kept nor looked at.
            }
        }
    }
}
