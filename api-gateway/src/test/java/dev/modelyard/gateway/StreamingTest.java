package dev.modelyard.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.testsupport.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(GatewayTestProfile.class)
class StreamingTest {

    /** Larger than this test JVM's whole heap (-Xmx384m), so buffering it anywhere would fail. */
    private static final long UPLOAD_BYTES = 640L * 1024 * 1024;

    @TestHTTPResource("/")
    URL gateway;

    @Test
    void anUploadLargerThanTheHeapStreamsThroughIntact() throws Exception {
        MessageDigest sent = MessageDigest.getInstance("SHA-256");
        // A plain socket writes with blocking back-pressure, so the client itself buffers nothing.
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(120_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/files HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + KeycloakTokens.accessToken("acme-admin") + "\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: " + UPLOAD_BYTES + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            new PatternStream(UPLOAD_BYTES, sent).transferTo(out);
            out.flush();
            InputStream in = socket.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 200");
            int length = Integer.parseInt(head.replaceAll("(?is).*content-length: *(\\d+).*", "$1"));
            JsonNode echo = new ObjectMapper().readTree(in.readNBytes(length));
            assertThat(echo.get("body_bytes").asLong()).isEqualTo(UPLOAD_BYTES);
            assertThat(echo.get("body_sha256").asText()).isEqualTo(HexFormat.of().formatHex(sent.digest()));
            assertThat(echo.get("tenant").asText()).isEqualTo("acme");
        }
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413BeforeAnythingIsRead() throws Exception {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /v1/files HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + KeycloakTokens.accessToken("acme-admin") + "\r\n"
                    + "Content-Type: text/csv\r\nContent-Length: 99999999999\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            assertThat(in.readLine()).startsWith("HTTP/1.1 413");
            StringBuilder rest = new StringBuilder();
            for (String line; (line = in.readLine()) != null; ) {
                rest.append(line).append('\n');
            }
            assertThat(rest.toString()).contains("application/problem+json").contains("\"status\":413");
        }
    }

    private static String readHead(InputStream in) throws java.io.IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            head.append((char) next);
        }
        return head.toString();
    }

    /** A deterministic byte pattern generated on the fly, hashed as it is read. */
    private static final class PatternStream extends InputStream {
        private final long length;
        private final MessageDigest digest;
        private long position;

        PatternStream(long length, MessageDigest digest) {
            this.length = length;
            this.digest = digest;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int count) {
            if (position >= length) {
                return -1;
            }
            int n = (int) Math.min(count, length - position);
            for (int i = 0; i < n; i++) {
                buffer[offset + i] = (byte) ((position + i) * 31 >>> 3);
            }
            digest.update(buffer, offset, n);
            position += n;
            return n;
        }
    }
}
