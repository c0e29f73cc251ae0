package dev.modelyard.e2e.metering;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelyard.e2e.PlatformUnderTest;
import dev.modelyard.launcher.EmbeddedPlatform;
import dev.modelyard.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inference router killed with SIGKILL under load and started again: every answer a client received
 * is billed, once. Events spooled before the kill are delivered by the restarted router; an event can be
 * billed without its answer arriving only for a call in flight at the moment of the kill (at most one per
 * client). Clients wait while the router is down, so that every call after the kill meets a ready router.
 */
@ExtendWith(PlatformUnderTest.class)
class MeteringCrashTest {

    private static final String ROUTER = "inference-router";
    private static final String MODEL = "churn";
    private static final int CLIENTS = 4;
    /** Answers received under load before the kill, and again after the restart, before load stops. */
    private static final long ANSWERS_PER_PHASE = 40;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private String oneRowRequest;

    @Test
    void everyAnswerReceivedIsBilledOnceAcrossAKilledRouter() throws Exception {
        EmbeddedPlatform platform = PlatformUnderTest.start();
        String key = "Bearer " + given().auth().oauth2(KeycloakTokens.accessToken("acme-admin"))
                .contentType(ContentType.JSON).body("{\"name\":\"metering-crash\",\"scopes\":[\"inference\",\"usage\"]}")
                .post("/v1/api-keys").then().statusCode(201).extract().<String>path("secret");
        String version = deployedVersion(platform, key);
        long billedBefore = settledBilled(key, version);

        AtomicBoolean loading = new AtomicBoolean(true);
        AtomicBoolean routerDown = new AtomicBoolean();
        AtomicLong received = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(Thread.ofPlatform().start(() -> {
                while (loading.get()) {
                    if (routerDown.get()) {
                        pause();
                        continue;
                    }
                    int status = infer(platform.gatewayUrl(), key);
                    if (status == 200) {
                        received.incrementAndGet();
                    } else if (status != 429) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        awaitAnswers(received, ANSWERS_PER_PHASE);
        ProcessHandle router = platform.process(ROUTER).orElseThrow();
        long receivedBeforeKill = received.get();
        assertThat(router.destroyForcibly()).isTrue();
        router.onExit().get();
        // Calls sent while the router starts again would only measure the gateway's retries, not metering.
        routerDown.set(true);
        platform.startStopped();
        long restartedAt = received.get();
        routerDown.set(false);
        awaitAnswers(received, restartedAt + ANSWERS_PER_PHASE);
        loading.set(false);
        for (Thread client : clients) {
            client.join();
        }

        assertThat(receivedBeforeKill).as("answers before the kill").isPositive();
        assertThat(received.get()).as("answers after the restart").isGreaterThan(restartedAt);
        long billed = awaitBilled(key, version, billedBefore + received.get()) - billedBefore;
        System.out.printf("received %d answers, %d calls failed around the kill, billed %d%n", received.get(),
                failed.get(), billed);
        assertThat(billed).as("billed (received %d, failed %d)", received.get(), failed.get())
                .isGreaterThanOrEqualTo(received.get())
                .isLessThanOrEqualTo(received.get() + Math.min(CLIENTS, failed.get()));

        JsonNode line = invoiceLine(key, version);
        assertThat(line.path("inferences").asLong()).isGreaterThanOrEqualTo(billedBefore + billed);
        assertThat(line.path("amount").decimalValue()).isEqualByComparingTo(
                line.path("inference_amount").decimalValue().add(line.path("compute_amount").decimalValue()));
        assertThat(given().auth().oauth2(KeycloakTokens.accessToken("globex-admin")).get("/v1/usage?group_by=hour")
                .then().statusCode(200).extract().<List<String>>path("data.model")).doesNotContain(MODEL);
    }

    /** The invoice preview's line for the model version, with its quantities, unit prices and amounts. */
    private JsonNode invoiceLine(String key, String version) throws IOException {
        String body = given().header("Authorization", key).get("/v1/invoices/preview").then().statusCode(200)
                .extract().asString();
        for (JsonNode line : json.readTree(body).path("lines")) {
            if (MODEL.equals(line.path("model").asText()) && version.equals(line.path("version").asText())) {
                return line;
            }
        }
        throw new AssertionError("No invoice line for " + MODEL + "@" + version + " in " + body);
    }

    /** Load runs until the clients have received {@code atLeast} answers in all (a phase's worth of calls). */
    private static void awaitAnswers(AtomicLong received, long atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (received.get() < atLeast) {
            assertThat(System.nanoTime()).as("%d answers within 60 s (have %d)", atLeast, received.get())
                    .isLessThan(deadline);
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(10);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The version {@code churn} answers with (the demo deploys it when no earlier test did), and a one-row
     * request that fits its signature.
     */
    private String deployedVersion(EmbeddedPlatform platform, String key) throws Exception {
        if (given().header("Authorization", key).get("/v2/models/" + MODEL).statusCode() != 200) {
            assertThat(platform.runDemo(System.out)).isZero();
        }
        JsonNode metadata = json.readTree(given().header("Authorization", key).get("/v2/models/" + MODEL)
                .then().statusCode(200).extract().asString());
        ObjectNode body = json.createObjectNode();
        ArrayNode inputs = body.putArray("inputs");
        for (JsonNode spec : metadata.path("inputs")) {
            ObjectNode input = inputs.addObject().put("name", spec.path("name").asText())
                    .put("datatype", spec.path("datatype").asText());
            ArrayNode shape = input.putArray("shape");
            int values = 1;
            for (JsonNode dimension : spec.path("shape")) {
                int size = dimension.asInt() < 0 ? 1 : dimension.asInt();
                shape.add(size);
                values *= size;
            }
            ArrayNode data = input.putArray("data");
            for (int i = 0; i < values; i++) {
                if ("BYTES".equals(spec.path("datatype").asText())) {
                    data.add("a");
                } else {
                    data.add(1);
                }
            }
        }
        oneRowRequest = json.writeValueAsString(body);
        return given().header("Authorization", key).contentType(ContentType.JSON).body(oneRowRequest)
                .post("/v2/models/" + MODEL + "/infer").then().statusCode(200).extract().path("model_version");
    }

    private int infer(String gateway, String key) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(gateway + "/v2/models/" + MODEL + "/infer"))
                .timeout(Duration.ofSeconds(10)).header("Authorization", key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(oneRowRequest, StandardCharsets.UTF_8)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** The billed requests once delivery has caught up (two reads a second apart agree). */
    private long settledBilled(String key, String version) throws Exception {
        long previous = -1;
        long current = billed(key, version);
        while (current != previous) {
            Thread.sleep(1000);
            previous = current;
            current = billed(key, version);
        }
        return current;
    }

    /** Waits up to a minute for the billed requests to reach {@code expected}, then returns them once settled. */
    private long awaitBilled(String key, String version, long expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        while (billed(key, version) < expected && System.nanoTime() < deadline) {
            Thread.sleep(500);
        }
        return settledBilled(key, version);
    }

    private long billed(String key, String version) throws IOException {
        String body = given().header("Authorization", key).get("/v1/usage?group_by=model")
                .then().statusCode(200).extract().asString();
        for (JsonNode row : json.readTree(body).path("data")) {
            if (MODEL.equals(row.path("model").asText()) && version.equals(row.path("version").asText())) {
                return row.path("requests").asLong();
            }
        }
        return 0;
    }
}
