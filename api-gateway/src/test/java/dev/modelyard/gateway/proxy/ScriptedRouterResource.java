package dev.modelyard.gateway.proxy;

import dev.modelyard.gateway.EchoServiceResource;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * An HTTP/1.1 server in the router's place (the other services stay the echo service) that answers
 * {@code /v2/models/{kind}/...} with the bytes a test names by {@code kind}, written by hand so that every
 * way a service frames an answer, and every way it breaks one off, reaches the gateway exactly:
 * <ul>
 *     <li>{@code json}, {@code binary} (the binary tensor extension), {@code chunked}: 200 answers</li>
 *     <li>{@code empty} (204), {@code unchanged} (304), {@code missing} (404), {@code busy} (429 with
 *     Retry-After): bodyless and problem+json answers</li>
 *     <li>{@code hop-headers}: a 200 carrying the service's own {@code Connection} and {@code Keep-Alive}</li>
 *     <li>{@code cut}, {@code cut-chunked}: the service dies after a part of the body</li>
 * </ul>
 * A HEAD is answered with the length a GET's body would have, and no body.
 */
public class ScriptedRouterResource extends EchoServiceResource {

    static final String JSON = "{\"model_name\":\"json\",\"outputs\":[]}";
    static final String CHUNKS = "{\"model_name\":\"chunked\"}";
    static final int BINARY_HEADER_LENGTH = 20;
    static final byte[] BINARY = binary();
    static final String PROBLEM = "{\"status\":404,\"title\":\"Model not found\"}";

    private ServerSocket server;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread.ofVirtual().name("scripted-router").start(this::accept);
        config.put("modelyard.gateway.services.router", "http://127.0.0.1:" + server.getLocalPort());
        return config;
    }

    @Override
    public void stop() {
        try {
            if (server != null) {
                server.close();
            }
        } catch (IOException ignored) {
            // Stopping anyway.
        }
        super.stop();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                Thread.ofVirtual().start(() -> serve(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    /** Answers request after request on one connection until the gateway closes it or an answer breaks it off. */
    private static void serve(Socket connection) {
        try (connection) {
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            for (String requestLine = line(in); !requestLine.isEmpty(); requestLine = line(in)) {
                String[] parts = requestLine.split(" ");
                readBody(in, headers(in));
                if (!answer(parts[0], parts[1], out)) {
                    return;
                }
            }
        } catch (IOException gone) {
            // The gateway closed the connection.
        }
    }

    /** @return whether the connection stays open for the next request */
    private static boolean answer(String method, String path, OutputStream out) throws IOException {
        String kind = path.startsWith("/v2/models/") ? path.substring("/v2/models/".length()).split("/")[0] : "";
        boolean head = method.equals("HEAD");
        switch (kind) {
            case "json" -> write(out, "200 OK", "Content-Type: application/json\r\n", JSON.getBytes(StandardCharsets.UTF_8), head);
            case "binary" -> write(out, "200 OK", "Content-Type: application/octet-stream\r\n"
                    + "Inference-Header-Content-Length: " + BINARY_HEADER_LENGTH + "\r\n", BINARY, head);
            case "chunked" -> {
                String half = CHUNKS.substring(0, 10);
                String rest = CHUNKS.substring(10);
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + (head ? "" : Integer.toHexString(half.length()) + "\r\n" + half + "\r\n"
                        + Integer.toHexString(rest.length()) + "\r\n" + rest + "\r\n0\r\n\r\n"))
                        .getBytes(StandardCharsets.UTF_8));
            }
            case "empty" -> out.write("HTTP/1.1 204 No Content\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            case "unchanged" -> out.write("HTTP/1.1 304 Not Modified\r\nETag: \"v1\"\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            case "busy" -> write(out, "429 Too Many Requests", "Content-Type: application/problem+json\r\nRetry-After: 1\r\n",
                    "{\"status\":429}".getBytes(StandardCharsets.UTF_8), head);
            case "hop-headers" -> write(out, "200 OK", "Content-Type: application/json\r\nConnection: keep-alive\r\n"
                    + "Keep-Alive: timeout=5, max=1000\r\n", JSON.getBytes(StandardCharsets.UTF_8), head);
            case "cut" -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + JSON.length()
                        + "\r\n\r\n" + JSON.substring(0, 10)).getBytes(StandardCharsets.UTF_8));
                out.flush();
                return false;
            }
            case "cut-chunked" -> {
                out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
                        + "a\r\n" + JSON.substring(0, 10) + "\r\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                return false;
            }
            default -> write(out, "404 Not Found", "Content-Type: application/problem+json\r\n",
                    PROBLEM.getBytes(StandardCharsets.UTF_8), head);
        }
        out.flush();
        return true;
    }

    private static void write(OutputStream out, String status, String headers, byte[] body, boolean head)
            throws IOException {
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        if (!head) {
            out.write(body);
        }
    }

    private static Map<String, String> headers(InputStream in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip());
        }
        return headers;
    }

    private static void readBody(InputStream in, Map<String, String> headers) throws IOException {
        if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                in.readNBytes(size);
                line(in);
            }
            while (!line(in).isEmpty()) {
                // Trailers: nothing reads them.
            }
        } else if (headers.containsKey("content-length")) {
            in.readNBytes(Integer.parseInt(headers.get("content-length")));
        }
    }

    /** A line without its CRLF; empty at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int next = in.read(); next != '\n'; next = in.read()) {
            if (next < 0) {
                if (line.isEmpty()) {
                    return "";
                }
                throw new EOFException("The connection closed in the middle of a line");
            }
            line.append((char) next);
        }
        return line.toString().stripTrailing();
    }

    /** A 20-byte JSON header (padded) followed by 8 bytes of tensor data. */
    private static byte[] binary() {
        String header = "{\"model_name\":\"b\"}  ";
        byte[] body = new byte[BINARY_HEADER_LENGTH + 8];
        System.arraycopy(header.getBytes(StandardCharsets.US_ASCII), 0, body, 0, BINARY_HEADER_LENGTH);
        for (int i = 0; i < 8; i++) {
            body[BINARY_HEADER_LENGTH + i] = (byte) (i + 1);
        }
        return body;
    }
}
