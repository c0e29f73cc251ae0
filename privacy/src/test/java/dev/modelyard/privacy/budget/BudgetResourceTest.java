package dev.modelyard.privacy.budget;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_privacy"))
class BudgetResourceTest {

    private static final String BUDGET_EXCEEDED = "https://modelyard.dev/problems/budget-exceeded";
    private static final String EXPIRED = "https://modelyard.dev/problems/reservation-expired";

    @Inject
    ReservationSweeper sweeper;

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @TestHTTPResource("/")
    URI baseUri;

    @Test
    void aFileStartsWithTheDefaultsAndItsTenantsBudget() {
        String file = upload("defaults");
        asAdmin("defaults").get("/v1/files/" + file + "/budget").then().statusCode(200)
                .body("object", equalTo("privacy.budget"))
                .body("file", equalTo(file))
                .body("epsilon", equalTo(Map.of("total", 10.0f, "spent", 0.0f, "reserved", 0.0f, "remaining", 10.0f)))
                .body("delta.total", equalTo(1e-5f))
                .body("delta.remaining", equalTo(1e-5f))
                .body("tenant.object", equalTo("privacy.budget"))
                .body("tenant.file", nullValue())
                .body("tenant.epsilon.total", equalTo(100.0f))
                .body("tenant.delta.total", equalTo(1e-4f));
        asMember("defaults").get("/v1/privacy/budget").then().statusCode(200)
                .body("object", equalTo("privacy.budget"))
                .body("epsilon.remaining", equalTo(100.0f))
                .body("tenant", nullValue());
    }

    @Test
    void commitSpendsWhatWasUsedAndRefundReleasesEverything() {
        String tenant = "ledger";
        String file = upload(tenant);
        String first = reserve(tenant, file, "3", "0.000002").statusCode(201)
                .body("id", startsWith("pbres-"))
                .body("object", equalTo("privacy.budget.reservation"))
                .body("status", equalTo("reserved"))
                .body("epsilon", equalTo(3.0f))
                .body("purpose", equalTo("fine-tune"))
                .body("reference", equalTo("job-1"))
                .body("created_by", equalTo("admin@" + tenant))
                .extract().path("id");
        budget(tenant, file).body("epsilon.reserved", equalTo(3.0f)).body("epsilon.remaining", equalTo(7.0f))
                .body("delta.reserved", equalTo(2e-6f))
                .body("tenant.epsilon.reserved", equalTo(3.0f)).body("tenant.epsilon.remaining", equalTo(97.0f));

        settle(tenant, first, "commit", Map.of("epsilon", 2.5, "delta", 0.000001)).statusCode(200)
                .body("status", equalTo("committed")).body("epsilon_spent", equalTo(2.5f))
                .body("delta_spent", equalTo(1e-6f));
        budget(tenant, file).body("epsilon", equalTo(Map.of("total", 10.0f, "spent", 2.5f, "reserved", 0.0f,
                        "remaining", 7.5f)))
                .body("delta.spent", equalTo(1e-6f)).body("delta.reserved", equalTo(0.0f))
                .body("tenant.epsilon.spent", equalTo(2.5f)).body("tenant.epsilon.reserved", equalTo(0.0f));
        // Committing again, even with other amounts, is the same commit.
        settle(tenant, first, "commit", Map.of("epsilon", 1)).statusCode(200).body("epsilon_spent", equalTo(2.5f));
        settle(tenant, first, "refund", Map.of()).statusCode(409);
        budget(tenant, file).body("epsilon.spent", equalTo(2.5f)).body("epsilon.remaining", equalTo(7.5f));

        String second = reserve(tenant, file, "4", null).statusCode(201).body("delta", equalTo(0.0f)).extract().path("id");
        settle(tenant, second, "commit", Map.of("epsilon", 4.5)).statusCode(400).body("errors[0].field", equalTo("epsilon"));
        settle(tenant, second, "refund", Map.of()).statusCode(200).body("status", equalTo("refunded"));
        settle(tenant, second, "refund", Map.of()).statusCode(200).body("status", equalTo("refunded"));
        settle(tenant, second, "commit", Map.of()).statusCode(409);
        budget(tenant, file).body("epsilon.spent", equalTo(2.5f)).body("epsilon.reserved", equalTo(0.0f))
                .body("epsilon.remaining", equalTo(7.5f)).body("tenant.epsilon.remaining", equalTo(97.5f));

        // Without amounts a commit spends the whole reservation.
        String third = reserve(tenant, file, "0.5", null).statusCode(201).extract().path("id");
        settle(tenant, third, "commit", null).statusCode(200).body("epsilon_spent", equalTo(0.5f));
        budget(tenant, file).body("epsilon.spent", equalTo(3.0f)).body("epsilon.remaining", equalTo(7.0f));
    }

    @Test
    void onlyServicesSettleReservations() {
        String file = upload("settlers");
        String id = reserve("settlers", file, "1", null).statusCode(201).extract().path("id");
        asAdmin("settlers").post("/v1/budget/reservations/" + id + "/refund").then().statusCode(403);
        asMember("settlers").contentType(ContentType.JSON).body("{}").post("/v1/budget/reservations/" + id + "/commit")
                .then().statusCode(403);
        budget("settlers", file).body("epsilon.reserved", equalTo(1.0f));
    }

    @Test
    void everyChangeIsAuditedNewestFirst() {
        String tenant = "audited";
        String file = upload(tenant);
        String committed = reserve(tenant, file, "2", "0.000001").statusCode(201).extract().path("id");
        settle(tenant, committed, "commit", Map.of("epsilon", 1.5)).statusCode(200);
        String refunded = reserve(tenant, file, "1", null).statusCode(201).extract().path("id");
        settle(tenant, refunded, "refund", null).statusCode(200);
        asAdmin(tenant).contentType(ContentType.JSON).body(Map.of("epsilon_total", 12)).put("/v1/files/" + file + "/budget")
                .then().statusCode(200);

        List<Map<String, Object>> events = asMember(tenant).get("/v1/files/" + file + "/budget/events").then()
                .statusCode(200).body("object", equalTo("list")).extract().path("data");
        assertThat(events).extracting(event -> event.get("action"))
                .containsExactly("set_limits", "refund", "reserve", "commit", "reserve");
        assertThat(events).extracting(event -> event.get("subject")).containsExactly("admin@" + tenant,
                "service:training-orchestrator", "admin@" + tenant, "service:training-orchestrator", "admin@" + tenant);
        assertThat(events).extracting(event -> event.get("reservation"))
                .containsExactly(null, refunded, refunded, committed, committed);
        assertThat(events).extracting(event -> ((Number) event.get("epsilon")).doubleValue())
                .containsExactly(12.0, 1.0, 1.0, 1.5, 2.0);
        assertThat(events.get(3)).containsEntry("object", "privacy.budget.event").containsEntry("file", file)
                .containsEntry("reference", "job-1").containsEntry("purpose", "fine-tune");
        assertThat(((Number) events.get(3).get("created_at")).longValue()).isPositive();

        String after = asMember(tenant).get("/v1/files/" + file + "/budget/events?limit=2").then().statusCode(200)
                .body("has_more", equalTo(true)).extract().path("last_id");
        asMember(tenant).get("/v1/files/" + file + "/budget/events?limit=2&after=" + after).then().statusCode(200)
                .body("data.action", equalTo(List.of("reserve", "commit")));
    }

    @Test
    void refusesWhatTheFileBudgetCannotCoverAndLimitsNeverDropBelowWhatIsHeld() {
        String tenant = "frugal";
        String file = upload(tenant);
        reserve(tenant, file, "6", null).statusCode(201);
        reserve(tenant, file, "5", null).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(BUDGET_EXCEEDED))
                .body("detail", containsString("file " + file + " has epsilon 4 and delta 0.00001 remaining"));
        reserve(tenant, file, "1", "0.00002").statusCode(409).body("type", equalTo(BUDGET_EXCEEDED));
        reserve(tenant, file, "-1", null).statusCode(400).body("errors[0].field", equalTo("epsilon"));
        asAdmin(tenant).contentType(ContentType.JSON).body(Map.of("epsilon", 1, "reference", "x"))
                .post("/v1/files/" + file + "/budget/reservations").then().statusCode(400)
                .body("errors[0].field", equalTo("purpose"));

        asAdmin(tenant).contentType(ContentType.JSON).body(Map.of("epsilon_total", 5)).put("/v1/files/" + file + "/budget")
                .then().statusCode(409).body("detail", containsString("epsilon 6"));
        asMember(tenant).contentType(ContentType.JSON).body(Map.of("epsilon_total", 20)).put("/v1/files/" + file + "/budget")
                .then().statusCode(403);
        asAdmin(tenant).contentType(ContentType.JSON).body(Map.of("epsilon_total", 20, "delta_total", 0.001))
                .put("/v1/files/" + file + "/budget")
                .then().statusCode(200).body("epsilon.total", equalTo(20.0f)).body("epsilon.remaining", equalTo(14.0f))
                .body("delta.total", equalTo(0.001f)).body("tenant.epsilon.reserved", equalTo(6.0f));
        reserve(tenant, file, "5", null).statusCode(201);
    }

    @Test
    void theTenantBudgetLimitsEveryFile() {
        String tenant = "thrifty";
        String first = upload(tenant);
        String second = upload(tenant);
        for (String file : List.of(first, second)) {
            asAdmin(tenant).contentType(ContentType.JSON).body(Map.of("epsilon_total", 80))
                    .put("/v1/files/" + file + "/budget").then().statusCode(200);
        }
        reserve(tenant, first, "70", null).statusCode(201);
        reserve(tenant, second, "40", null).statusCode(409).body("type", equalTo(BUDGET_EXCEEDED))
                .body("detail", containsString("the tenant has epsilon 30 "));
        reserve(tenant, second, "30", null).statusCode(201);
        asMember(tenant).get("/v1/privacy/budget").then().statusCode(200)
                .body("epsilon.reserved", equalTo(100.0f)).body("epsilon.remaining", equalTo(0.0f));
        budget(tenant, second).body("epsilon.remaining", equalTo(50.0f)).body("tenant.epsilon.remaining", equalTo(0.0f));
    }

    @Test
    void concurrentReservationsNeverTogetherExceedTheBudget() throws Exception {
        String tenant = "racing";
        String file = upload(tenant);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(baseUri.resolve("/v1/files/" + file + "/budget/reservations"))
                .header("Authorization", TestTokens.bearerAdmin(tenant)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"epsilon\":1,\"delta\":0.0000001,\"purpose\":\"fine-tune\",\"reference\":\"race\"}"))
                .build();
        CountDownLatch start = new CountDownLatch(1);
        List<Integer> statuses;
        try (ExecutorService threads = Executors.newFixedThreadPool(20)) {
            List<CompletableFuture<Integer>> answers = IntStream.range(0, 20)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> {
                        try {
                            start.await();
                            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }, threads)).toList();
            start.countDown();
            statuses = answers.stream().map(CompletableFuture::join).toList();
        }
        assertThat(statuses).filteredOn(status -> status == 201).hasSize(10);
        assertThat(statuses).filteredOn(status -> status == 409).hasSize(10);

        try (Connection connection = DriverManager.getConnection(jdbcUrl, "privacy_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            // Row-level security: without a tenant the service's role sees none of the rows.
            for (String table : List.of("privacy_budget", "privacy_budget_reservation", "privacy_budget_event")) {
                assertThat(number(sql, "select count(*) from privacy." + table)).isZero();
            }
            sql.execute("select set_config('modelyard.tenant', '" + tenant + "', false)");
            assertThat(number(sql, "select epsilon_reserved from privacy.privacy_budget where file_id = '" + file + "'"))
                    .isEqualByComparingTo("10");
            assertThat(number(sql, "select epsilon_reserved from privacy.privacy_budget where file_id is null"))
                    .isEqualByComparingTo("10");
            assertThat(number(sql, "select delta_reserved from privacy.privacy_budget where file_id = '" + file + "'"))
                    .isEqualByComparingTo("0.000001");
            assertThat(number(sql, "select sum(epsilon) from privacy.privacy_budget_reservation where status = 'RESERVED'"))
                    .isEqualByComparingTo("10");
            assertThat(number(sql, "select count(*) from privacy.privacy_budget_event where action = 'RESERVE'"))
                    .isEqualByComparingTo("10");
        }
    }

    @Test
    void anotherTenantsFileAndReservationsDoNotExist() {
        String file = upload("owner");
        String reservation = reserve("owner", file, "1", null).statusCode(201).extract().path("id");
        String intruder = "intruder";
        asAdmin(intruder).get("/v1/files/" + file + "/budget").then().statusCode(404)
                .contentType("application/problem+json");
        asAdmin(intruder).get("/v1/files/" + file + "/budget/events").then().statusCode(404);
        asAdmin(intruder).contentType(ContentType.JSON).body(Map.of("epsilon_total", 50))
                .put("/v1/files/" + file + "/budget").then().statusCode(404);
        reserve(intruder, file, "1", null).statusCode(404);
        settle(intruder, reservation, "commit", Map.of()).statusCode(404);
        settle(intruder, reservation, "refund", Map.of()).statusCode(404);
        asAdmin(intruder).get("/v1/privacy/budget").then().statusCode(200).body("epsilon.reserved", equalTo(0.0f));

        budget("owner", file).body("epsilon.total", equalTo(10.0f)).body("epsilon.reserved", equalTo(1.0f));
        settle("owner", reservation, "refund", null).statusCode(200);
    }

    @Test
    void aReservationExpiresAfterItsDefaultOrRequestedLifetime() {
        String tenant = "lifetimes";
        String file = upload(tenant);
        ValidatableResponse byDefault = reserveFor(tenant, file, "1", null).statusCode(201);
        long created = ((Number) byDefault.extract().path("created_at")).longValue();
        assertThat(((Number) byDefault.extract().path("expires_at")).longValue() - created).isBetween(86_399L, 86_401L);
        ValidatableResponse hour = reserveFor(tenant, file, "1", 3600L).statusCode(201);
        assertThat(((Number) hour.extract().path("expires_at")).longValue()
                - ((Number) hour.extract().path("created_at")).longValue()).isBetween(3599L, 3601L);
        reserveFor(tenant, file, "1", 0L).statusCode(400).body("errors[0].field", equalTo("ttl_seconds"));
        reserveFor(tenant, file, "1", 7 * 86_400L + 1).statusCode(400).body("errors[0].field", equalTo("ttl_seconds"));
    }

    @Test
    void anExpiredReservationCannotBeCommittedAndTheSweeperGivesItsBudgetBack() throws Exception {
        String tenant = "expiring";
        String file = upload(tenant);
        String id = reserveFor(tenant, file, "3", 1L).statusCode(201).extract().path("id");
        budget(tenant, file).body("epsilon.reserved", equalTo(3.0f));
        Thread.sleep(1500);

        // Its time is up before any sweep: the budget is still held, yet it can no longer be used.
        settle(tenant, id, "commit", Map.of("epsilon", 1)).statusCode(409).contentType("application/problem+json")
                .body("type", equalTo(EXPIRED));
        settle(tenant, id, "extend", Map.of("ttl_seconds", 60)).statusCode(409).body("type", equalTo(EXPIRED));

        // The timer may have swept already; either way the budget is back and the expiry recorded once.
        sweep();
        budget(tenant, file).body("epsilon.reserved", equalTo(0.0f)).body("epsilon.spent", equalTo(0.0f))
                .body("tenant.epsilon.reserved", equalTo(0.0f));
        settle(tenant, id, "commit", Map.of()).statusCode(409).body("type", equalTo(EXPIRED));
        settle(tenant, id, "refund", null).statusCode(200).body("status", equalTo("expired"));
        List<Map<String, Object>> events = asMember(tenant).get("/v1/files/" + file + "/budget/events").then()
                .statusCode(200).extract().path("data");
        assertThat(events).extracting(event -> event.get("action")).containsExactly("expire", "reserve");
        assertThat(events.get(0)).containsEntry("subject", "service:privacy").containsEntry("reservation", id);
        assertThat(sweep()).isZero();
        assertThat(((Number) events.get(0).get("epsilon")).doubleValue()).isEqualTo(3.0);
    }

    @Test
    void anExtendedReservationOutlivesItsFirstExpiry() throws Exception {
        String tenant = "extending";
        String file = upload(tenant);
        ValidatableResponse reserved = reserveFor(tenant, file, "2", 60L).statusCode(201);
        String id = reserved.extract().path("id");
        long firstExpiry = ((Number) reserved.extract().path("expires_at")).longValue();
        ValidatableResponse extended = settle(tenant, id, "extend", Map.of("ttl_seconds", 3600)).statusCode(200)
                .body("status", equalTo("reserved"));
        assertThat(((Number) extended.extract().path("expires_at")).longValue()).isGreaterThan(firstExpiry + 3000);
        asAdmin(tenant).contentType(ContentType.JSON).body("{}").post("/v1/budget/reservations/" + id + "/extend")
                .then().statusCode(403);
        settle(tenant, id, "extend", Map.of("ttl_seconds", 0)).statusCode(400)
                .body("errors[0].field", equalTo("ttl_seconds"));
        settle("intruding", id, "extend", Map.of()).statusCode(404);

        sweep();
        settle(tenant, id, "commit", Map.of("epsilon", 1.5)).statusCode(200).body("status", equalTo("committed"));
        settle(tenant, id, "extend", Map.of()).statusCode(409);
        budget(tenant, file).body("epsilon.spent", equalTo(1.5f)).body("epsilon.reserved", equalTo(0.0f));
        List<String> actions = asMember(tenant).get("/v1/files/" + file + "/budget/events").then().statusCode(200)
                .extract().path("data.action");
        assertThat(actions).containsExactly("commit", "extend", "reserve");
    }

    /**
     * Sweepers of several replicas and commits of live reservations all at once, against real PostgreSQL: every
     * due reservation expires exactly once, every live one is committed, and the budgets add up.
     */
    @Test
    void concurrentSweepsAndCommitsSettleEachReservationExactlyOnce() throws Exception {
        String tenant = "sweeping";
        String file = upload(tenant);
        List<String> due = new ArrayList<>();
        List<String> live = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            due.add(reserveFor(tenant, file, "0.5", 1L).statusCode(201).extract().path("id"));
            live.add(reserveFor(tenant, file, "0.25", 3600L).statusCode(201).extract().path("id"));
        }
        Thread.sleep(1500);

        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> work = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            work.add(() -> {
                start.await();
                return sweeper.sweep();
            });
        }
        for (String id : live) {
            work.add(() -> {
                start.await();
                return settle(tenant, id, "commit", Map.of("epsilon", 0.25)).extract().statusCode();
            });
        }
        List<Integer> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(work.size())) {
            List<Future<Integer>> futures = work.stream().map(threads::submit).toList();
            start.countDown();
            for (Future<Integer> future : futures) {
                answers.add(future.get());
            }
        }
        assertThat(answers.subList(3, answers.size())).containsOnly(200);

        try (Connection connection = DriverManager.getConnection(jdbcUrl, "privacy_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute("select set_config('modelyard.tenant', '" + tenant + "', false)");
            assertThat(number(sql, "select count(*) from privacy.privacy_budget_event where action = 'EXPIRE'"))
                    .isEqualByComparingTo("8");
            assertThat(number(sql, "select count(distinct reservation_id) from privacy.privacy_budget_event "
                    + "where action = 'EXPIRE'")).isEqualByComparingTo("8");
            assertThat(number(sql, "select count(*) from privacy.privacy_budget_reservation where status = 'EXPIRED' "
                    + "and id in ('" + String.join("','", due) + "')")).isEqualByComparingTo("8");
            assertThat(number(sql, "select count(*) from privacy.privacy_budget_reservation where status = 'COMMITTED'"))
                    .isEqualByComparingTo("8");
            assertThat(number(sql, "select epsilon_reserved from privacy.privacy_budget where file_id = '" + file + "'"))
                    .isEqualByComparingTo("0");
            assertThat(number(sql, "select epsilon_spent from privacy.privacy_budget where file_id = '" + file + "'"))
                    .isEqualByComparingTo("2");
            assertThat(number(sql, "select epsilon_spent from privacy.privacy_budget where file_id is null"))
                    .isEqualByComparingTo("2");
        }
    }

    /** Sweeps on a thread of its own, as the timer does: a test method runs inside a request context. */
    private int sweep() throws Exception {
        try (ExecutorService thread = Executors.newSingleThreadExecutor()) {
            return thread.submit(sweeper::sweep).get();
        }
    }

    private static RequestSpecification asAdmin(String tenant) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant));
    }

    private static RequestSpecification asMember(String tenant) {
        return given().header("Authorization", "Bearer " + TestTokens.member(tenant));
    }

    private static ValidatableResponse budget(String tenant, String file) {
        return asMember(tenant).get("/v1/files/" + file + "/budget").then().statusCode(200);
    }

    private static ValidatableResponse reserve(String tenant, String file, String epsilon, String delta) {
        return reserve(tenant, file, epsilon, delta, null);
    }

    /** A reservation with a lifetime of {@code ttlSeconds}, or the default when null. */
    private static ValidatableResponse reserveFor(String tenant, String file, String epsilon, Long ttlSeconds) {
        return reserve(tenant, file, epsilon, null, ttlSeconds);
    }

    private static ValidatableResponse reserve(String tenant, String file, String epsilon, String delta,
                                               Long ttlSeconds) {
        String body = "{\"epsilon\":" + epsilon + (delta == null ? "" : ",\"delta\":" + delta)
                + (ttlSeconds == null ? "" : ",\"ttl_seconds\":" + ttlSeconds)
                + ",\"purpose\":\"fine-tune\",\"reference\":\"job-1\"}";
        return asAdmin(tenant).contentType(ContentType.JSON).body(body)
                .post("/v1/files/" + file + "/budget/reservations").then();
    }

    /** Commits, refunds or extends as the training orchestrator does, with its service token for the tenant. */
    private static ValidatableResponse settle(String tenant, String reservation, String action, Map<String, ?> body) {
        String service = TestTokens.sign(new Caller("service:training-orchestrator", tenant,
                Set.of(Caller.TENANT_MEMBER), null, null));
        var request = given().header("Authorization", "Bearer " + service).contentType(ContentType.JSON);
        if (body != null) {
            request = request.body(body);
        }
        return request.post("/v1/budget/reservations/" + reservation + "/" + action).then();
    }

    private static String upload(String tenant) {
        return asAdmin(tenant)
                .multiPart("file", "data.csv", "age,churned\n30,no\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("purpose", "fine-tune")
                .post("/v1/files")
                .then().statusCode(201).extract().path("id");
    }

    private static BigDecimal number(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getBigDecimal(1);
        }
    }
}
