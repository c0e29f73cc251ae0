package dev.modelyard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.testsupport.KeepAliveConnection;
import dev.modelyard.testsupport.KeycloakResource;
import dev.modelyard.testsupport.KeycloakTokens;
import dev.modelyard.testsupport.PostgresResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.EOFException;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of answer the gateway gives, its own and relayed, on one kept-alive HTTP/1.1 connection as a
 * pooling client uses it: each ends exactly where its framing says, nothing follows it, and the next request on
 * the connection is answered. A service that dies in the middle of a body must not leave the caller a
 * connection that looks sound.
 */
@QuarkusTest
@TestProfile(KeepAliveFramingTest.Profile.class)
class KeepAliveFramingTest {

    /** The gateway's usual test stack, with {@link ScriptedRouterResource} in the router's place. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class, Map.of("database", "modelyard_test_gateway")),
                    new TestResourceEntry(KeycloakResource.class),
                    new TestResourceEntry(ScriptedRouterResource.class));
        }
    }

    @TestHTTPResource("/")
    URL gateway;

    private String credential;

    @BeforeEach
    void signIn() {
        credential = "Authorization: Bearer " + KeycloakTokens.accessToken("acme-admin") + "\r\n";
    }

    @Test
    void everyAnswerEndsWhereItsFramingSays() throws IOException {
        byte[] body = "{\"inputs\":[]}".getBytes(StandardCharsets.UTF_8);
        String json = credential + "Content-Type: application/json\r\n";
        try (KeepAliveConnection connection = new KeepAliveConnection(gateway)) {
            connection.expect(connection.send("GET", "/q/health/live", ""), 200, "UP");
            connection.expect(connection.send("GET", "/v1/me", credential), 200, "acme");
            connection.expect(connection.send("GET", "/v1/me", ""), 401, "\"status\":401");
            connection.expect(connection.send("GET", "/v2/models/json", ""), 401, "\"status\":401");
            connection.expect(connection.send("GET", "/no/such/file.txt", ""), 404, "");
            connection.expect(connection.send("POST", "/v2/models/json/infer", json, body), 200,
                    ScriptedRouterResource.JSON);
            KeepAliveConnection.Answer binary = connection.send("POST", "/v2/models/binary/infer", json, body);
            connection.expect(binary, 200, "model_name");
            assertThat(binary.body()).isEqualTo(ScriptedRouterResource.BINARY);
            assertThat(binary.header("Inference-Header-Content-Length"))
                    .isEqualTo(Integer.toString(ScriptedRouterResource.BINARY_HEADER_LENGTH));
            connection.expect(connection.send("POST", "/v2/models/chunked/infer", json, body), 200,
                    ScriptedRouterResource.CHUNKS);
            connection.expect(connection.send("GET", "/v2/models/json", credential), 200, ScriptedRouterResource.JSON);
            connection.expect(connection.send("HEAD", "/v2/models/json", credential), 200, "");
            connection.expect(connection.send("HEAD", "/v2/models/chunked", credential), 200, "");
            connection.expect(connection.send("GET", "/v2/models/empty", credential), 204, "");
            connection.expect(connection.send("GET", "/v2/models/unchanged", credential), 304, "");
            connection.expect(connection.send("POST", "/v2/models/missing/infer", json, body), 404,
                    ScriptedRouterResource.PROBLEM);
            KeepAliveConnection.Answer busy = connection.send("POST", "/v2/models/busy/infer", json, body);
            connection.expect(busy, 429, "429");
            assertThat(busy.header("Retry-After")).isEqualTo("1");
            connection.expect(connection.send("POST", "/v2/models/hop-headers/infer", json, body), 200,
                    ScriptedRouterResource.JSON);
            connection.expect(connection.send("GET", "/q/health/live", ""), 200, "UP");
        }
    }

    /**
     * A refusal before the body was read cannot leave the body on the connection, where it would be taken for
     * the next request: it says {@code Connection: close} and closes, or the next request is still answered.
     */
    @Test
    void aRefusalOfABodyItDidNotReadEndsOrKeepsTheConnectionCleanly() throws IOException {
        byte[] body = "{\"inputs\":[]}".getBytes(StandardCharsets.UTF_8);
        List<String[]> refusals = List.of(
                new String[] {"POST", "/v2/models/json/infer", "Content-Type: application/json\r\n", "401"},
                new String[] {"POST", "/v2/models/json/infer", credential + "Content-Length: 99999999999\r\n", "413"},
                new String[] {"POST", "/inference.GRPCInferenceService/ModelInfer",
                        credential + "Content-Type: application/grpc\r\n", "415"});
        for (String[] refusal : refusals) {
            try (KeepAliveConnection connection = new KeepAliveConnection(gateway)) {
                KeepAliveConnection.Answer answer = connection.send(refusal[0], refusal[1], refusal[2],
                        refusal[3].equals("413") ? null : body);
                assertThat(answer.status()).as(answer.text()).isEqualTo(Integer.parseInt(refusal[3]));
                if ("close".equalsIgnoreCase(answer.header("Connection"))) {
                    assertThat(connection.strayBytes(KeepAliveConnection.QUIET)).as("after the %s", refusal[3]).isEqualTo("<closed>");
                } else {
                    assertThat(connection.strayBytes(KeepAliveConnection.QUIET)).as("after the %s", refusal[3]).isEmpty();
                    connection.expect(connection.send("GET", "/q/health/live", ""), 200, "UP");
                }
            }
        }
    }

    /** Headers already went out: the caller must see the answer broken off, not a short one that looks whole. */
    @Test
    void aServiceDyingInTheMiddleOfABodyBreaksTheCallersConnection() throws IOException {
        String json = credential + "Content-Type: application/json\r\n";
        byte[] body = "{\"inputs\":[]}".getBytes(StandardCharsets.UTF_8);
        for (String kind : List.of("cut", "cut-chunked")) {
            try (KeepAliveConnection connection = new KeepAliveConnection(gateway)) {
                assertThatThrownBy(() -> connection.send("POST", "/v2/models/" + kind + "/infer", json, body))
                        .as(kind).isInstanceOf(EOFException.class);
            }
        }
    }

}
