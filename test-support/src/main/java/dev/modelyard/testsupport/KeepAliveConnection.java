package dev.modelyard.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One kept-alive HTTP/1.1 connection spoken by hand, as a pooling client uses it: each answer is read by its
 * framing alone (no body for HEAD, 1xx, 204 and 304; otherwise chunked or Content-Length), and whatever the
 * server sends beyond that framing shows as {@link #strayBytes stray bytes} before the next request goes out.
 */
public final class KeepAliveConnection implements AutoCloseable {

    /** One answer as its framing delimits it; header names lower-cased. */
    public record Answer(int status, Map<String, String> headers, byte[] body) {

        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** How long a sound connection stays silent after an answer before it is believed to. */
    public static final Duration QUIET = Duration.ofMillis(200);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final String host;

    public KeepAliveConnection(URL server) throws IOException {
        this.socket = new Socket(server.getHost(), server.getPort());
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.host = server.getHost() + ":" + server.getPort();
    }

    /** Sends a request ({@code headers} as lines ending in CRLF, a Content-Length added for a body) and reads its answer. */
    public Answer send(String method, String path, String headers, byte[] body) throws IOException {
        StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\n").append(headers);
        if (body != null) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
        if (body != null) {
            out.write(body);
        }
        out.flush();
        return read(method.equals("HEAD"));
    }

    public Answer send(String method, String path, String headers) throws IOException {
        return send(method, path, headers, null);
    }

    /** The answer, then silence on the connection: a pooled client would read stray bytes as the next answer. */
    public void expect(Answer answer, int status, String bodyContains) throws IOException {
        assertThat(answer.status()).as(answer.text()).isEqualTo(status);
        assertThat(answer.text()).contains(bodyContains);
        assertThat(answer.header("Connection")).as("the connection stays open").isNotEqualToIgnoringCase("close");
        assertThat(strayBytes(QUIET)).as("bytes after the answer to a %d", status).isEmpty();
    }

    /** What arrives within {@code quiet} after an answer: nothing, on a sound connection. */
    public String strayBytes(Duration quiet) throws IOException {
        socket.setSoTimeout((int) quiet.toMillis());
        ByteArrayOutputStream stray = new ByteArrayOutputStream();
        try {
            for (int next; (next = in.read()) >= 0; ) {
                stray.write(next);
            }
            return stray.toString(StandardCharsets.ISO_8859_1) + "<closed>";
        } catch (SocketTimeoutException quietEnough) {
            return stray.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private Answer read(boolean head) throws IOException {
        socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
        String statusLine = line();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(); !line.isEmpty(); line = line()) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (first, second) -> first + ", " + second);
        }
        if (head || status / 100 == 1 || status == 204 || status == 304) {
            return new Answer(status, headers, new byte[0]);
        }
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            return new Answer(status, headers, chunks());
        }
        String length = headers.get("content-length");
        if (length == null) {
            throw new IllegalStateException("An answer on a kept-alive connection without framing: " + statusLine + " "
                    + headers);
        }
        return new Answer(status, headers, exactly(Integer.parseInt(length)));
    }

    private byte[] chunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = chunkSize(); size > 0; size = chunkSize()) {
            body.writeBytes(exactly(size));
            line();
        }
        // Trailers, if any, up to the empty line that ends the message: nothing here looks at them.
        while (!line().isEmpty()) {
        }
        return body.toByteArray();
    }

    private int chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        return Integer.parseInt((extension < 0 ? line : line.substring(0, extension)).strip(), 16);
    }

    private byte[] exactly(int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length < length) {
            throw new EOFException("The connection closed after " + bytes.length + " of " + length + " bytes");
        }
        return bytes;
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                throw new EOFException("The connection closed in the middle of an answer: " + line);
            }
            line.append((char) next);
        }
        return line.toString().stripTrailing();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
