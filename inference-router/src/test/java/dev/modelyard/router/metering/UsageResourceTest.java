package dev.modelyard.router.metering;

import static dev.modelyard.router.InferRequests.features;
import static dev.modelyard.router.InferRequests.infer;
import static dev.modelyard.router.InferRequests.inferOneRow;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.router.FakeBackends;
import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_router"))
@QuarkusTestResource(value = FakeBackends.class, restrictToAnnotatedClass = false)
@QuarkusTestResource(value = UsageSpoolDirectory.class, restrictToAnnotatedClass = false)
class UsageResourceTest {

    private static final String GLOBEX_KEY = "Bearer " + TestTokens.sign(
            new Caller("key-usage-test", "globex", Set.of(Caller.TENANT_MEMBER), "key-usage-test", null));

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @Test
    void recordsEveryInferenceAndReportsItPerModelAndPerDay() throws Exception {
        Map<String, Object> before = fraudRow("model");
        infer(GLOBEX_KEY, "/v2/models/fraud/infer", features("[1, 4]", "[1, 2, 3, 4]")).statusCode(200);
        infer(GLOBEX_KEY, "/v2/models/fraud/infer", features("[2, 4]", "[1, 2, 3, 4, 5, 6, 7, 8]")).statusCode(200);
        infer(GLOBEX_KEY, "/v2/models/fraud/infer", features("[2, 3]", "[1, 2, 3, 4, 5, 6]")).statusCode(400);

        await().atMost(Duration.ofSeconds(10)).until(() -> count(fraudRow("model"), "errors") == count(before, "errors") + 1);
        Map<String, Object> byModel = fraudRow("model");
        assertThat(count(byModel, "requests")).isEqualTo(count(before, "requests") + 2);
        assertThat(count(byModel, "rows")).isEqualTo(count(before, "rows") + 3);
        assertThat(byModel.get("version")).isEqualTo("1");
        assertThat(byModel.get("avg_latency_ms")).isNotNull();
        assertThat(((Number) byModel.get("compute_seconds")).doubleValue()).isPositive();

        Map<String, Object> byDay = fraudRow("day");
        assertThat(byDay.get("day")).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        assertThat(byDay.get("version")).isEqualTo("1");
        assertThat(byDay).doesNotContainKey("hour");
        assertThat(count(byDay, "requests")).isGreaterThanOrEqualTo(2);

        Map<String, Object> byHour = fraudRow("hour");
        assertThat(count(byHour, "hour")).isEqualTo(Instant.now().truncatedTo(ChronoUnit.HOURS).getEpochSecond());
        assertThat(byHour).doesNotContainKey("day");
        assertThat(count(byHour, "requests")).isGreaterThanOrEqualTo(2);

        try (Connection connection = DriverManager.getConnection(jdbcUrl, "router_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            sql.execute("SELECT set_config('modelyard.tenant', 'globex', false)");
            try (ResultSet rows = sql.executeQuery("SELECT count(*), sum(row_count) FROM router.usage_event"
                    + " WHERE api_key_id = 'key-usage-test' AND subject = 'key-usage-test' AND status = 'ok'")) {
                rows.next();
                assertThat(rows.getLong(1)).isGreaterThanOrEqualTo(2);
            }
        }
    }

    @Test
    void aTenantSeesOnlyItsOwnUsage() {
        inferOneRow("acme", "churn").statusCode(200);
        inferOneRow("globex", "fraud").statusCode(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> report("acme", "model").getList("data.model").contains("churn")
                && report("globex", "model").getList("data.model").contains("fraud"));

        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/usage")
                .then().statusCode(200).body("object", equalTo("list")).body("group_by", equalTo("model"))
                .body("data.model", not(hasItem("fraud")));
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/usage?group_by=day")
                .then().statusCode(200).body("data.model", not(hasItem("churn")));
    }

    @Test
    void refusesRangesAndGroupingsItCannotRead() {
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/usage?from=yesterday")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/usage?from=2026-11-23&to=2026-11-01")
                .then().statusCode(400).body("errors[0].field", equalTo("from"));
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/usage?group_by=week")
                .then().statusCode(400).body("errors[0].field", equalTo("group_by"))
                .body("detail", containsString("model, day or hour"));
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/usage?from=1700000000&to=2026-11-23")
                .then().statusCode(200).body("from", equalTo(1699999200)).body("to", equalTo(1795478400));
        given().get("/v1/usage").then().statusCode(401);
    }

    private Map<String, Object> fraudRow(String groupBy) {
        Map<String, Object> row = report("globex", groupBy).get("data.find { it.model == 'fraud' }");
        return row == null ? Map.of() : row;
    }

    private static JsonPath report(String tenant, String groupBy) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant)).get("/v1/usage?group_by=" + groupBy)
                .then().statusCode(200).extract().jsonPath();
    }

    private static long count(Map<String, Object> row, String field) {
        Object value = row.get(field);
        return value == null ? 0 : ((Number) value).longValue();
    }
}
