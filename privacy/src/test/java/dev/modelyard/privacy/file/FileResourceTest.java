package dev.modelyard.privacy.file;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_privacy"))
class FileResourceTest {

    private static final String CSV_WITH_PII = """
            id,email,phone,notes
            u-1001,alice@example.com,+49 30 1234567,card 4111 1111 1111 1111 ok
            u-1002,bob@example.org,(555) 123-4567,"IBAN DE89 3704 0044 0532 0130 00, from 192.168.1.20"
            u-1003,carol@example.net,555.987.6543,"ssn 123-45-6789
            then dave@example.com via 2001:db8::1"
            u-1004,,,"nothing: 999.1.1.1, 000-12-3456, 4111 1111 1111 1112"
            """;

    @ConfigProperty(name = "modelyard.blob-store.path")
    String blobStorePath;

    @ConfigProperty(name = "modelyard.db.url")
    String jdbcUrl;

    @Test
    void anonymizesACsvAndReportsExactlyWhatItReplaced() {
        String id = upload("acme", "customers.csv", "text/csv", CSV_WITH_PII)
                .statusCode(201)
                .body("id", startsWith("file-"))
                .body("object", equalTo("file"))
                .body("filename", equalTo("customers.csv"))
                .body("purpose", equalTo("fine-tune"))
                .body("status", equalTo("processed"))
                .body("format", equalTo("csv"))
                .body("rows", equalTo(4))
                .body("columns", equalTo(List.of("id", "email", "phone", "notes")))
                .body("sha256", org.hamcrest.Matchers.matchesPattern("[0-9a-f]{64}"))
                .body("pii_report.total", equalTo(9))
                .body("pii_report.rows_with_pii", equalTo(3))
                .body("pii_report.by_type", equalTo(Map.of("EMAIL_ADDRESS", 1, "PHONE_NUMBER", 3, "CREDIT_CARD", 1,
                        "IBAN", 1, "IP_ADDRESS", 2, "US_SSN", 1)))
                .body("pii_report.by_column.phone", equalTo(Map.of("PHONE_NUMBER", 3)))
                .body("pii_report.by_column.notes", equalTo(Map.of("CREDIT_CARD", 1, "IBAN", 1, "IP_ADDRESS", 2,
                        "US_SSN", 1, "EMAIL_ADDRESS", 1)))
                .extract().path("id");

        String content = given().header("Authorization", TestTokens.bearerAdmin("acme"))
                .get("/v1/files/" + id + "/content")
                .then().statusCode(200).contentType(startsWith("text/csv")).extract().asString();
        assertThat(content).doesNotContain("u-1001", "alice@example.com", "bob@example.org", "dave@example.com",
                "+49 30 1234567", "(555) 123-4567", "4111 1111 1111 1111", "DE89", "192.168.1.20", "123-45-6789",
                "2001:db8::1");
        assertThat(content).contains("<CREDIT_CARD>", "<IBAN>", "<IP_ADDRESS>", "<US_SSN>", "<EMAIL_ADDRESS>",
                "<PHONE_NUMBER>", "999.1.1.1", "000-12-3456", "4111 1111 1111 1112");
        assertThat(firstValueOfRow(content, 1)).matches("pid_[0-9a-f]{16}");
        assertThat(content.lines().skip(1).map(line -> line.split(",")[1]).limit(3))
                .allMatch(email -> email.matches("pid_[0-9a-f]{16}"));

        given().header("Authorization", "Bearer " + TestTokens.member("acme")).get("/v1/files/" + id)
                .then().statusCode(200).body("pii_report.total", equalTo(9)).body("created_at", org.hamcrest.Matchers.greaterThan(0));
    }

    @Test
    void pseudonymsAreStableWithinATenantAndDifferAcrossTenants() {
        String csv = "id,text\nu-1001,hello\n";
        String first = pseudonymOfFirstRow("acme", upload("acme", "a.csv", "text/csv", csv));
        String second = pseudonymOfFirstRow("acme", upload("acme", "b.csv", "text/csv", csv));
        String otherTenant = pseudonymOfFirstRow("globex", upload("globex", "a.csv", "text/csv", csv));
        assertThat(first).matches("pid_[0-9a-f]{16}").isEqualTo(second).isNotEqualTo(otherTenant);
    }

    @Test
    void anonymizesJsonLinesRecursively() {
        String jsonl = """
                {"user_id":"u-1001","messages":[{"role":"user","content":"I am jane@example.com, card 4111 1111 1111 1111"}],"score":3}
                {"user_id":42,"messages":[{"role":"user","content":"call (555) 123-4567"}],"meta":{"ip":"10.1.2.3"}}
                """;
        String id = upload("acme", "chat.jsonl", "application/jsonl", jsonl)
                .statusCode(201)
                .body("format", equalTo("jsonl"))
                .body("rows", equalTo(2))
                .body("columns", equalTo(List.of("user_id", "messages", "score", "meta")))
                .body("pii_report.total", equalTo(4))
                .body("pii_report.rows_with_pii", equalTo(2))
                .body("pii_report.by_column.messages", equalTo(Map.of("EMAIL_ADDRESS", 1, "CREDIT_CARD", 1,
                        "PHONE_NUMBER", 1)))
                .body("pii_report.by_column.meta", equalTo(Map.of("IP_ADDRESS", 1)))
                .extract().path("id");
        String content = given().header("Authorization", TestTokens.bearerAdmin("acme"))
                .get("/v1/files/" + id + "/content")
                .then().statusCode(200).contentType(startsWith("application/jsonl")).extract().asString();
        assertThat(content).doesNotContain("u-1001", "jane@example.com", "4111", "555", "10.1.2.3", ":42")
                .contains("\"user_id\":\"pid_", "<EMAIL_ADDRESS>", "\"score\":3", "\"role\":\"user\"");
        assertThat(content.lines()).hasSize(2);
    }

    @Test
    void anotherTenantCannotReadDownloadOrDeleteAFile() {
        String id = upload("acme", "private.csv", "text/csv", "id,text\nu-1,secret\n").statusCode(201)
                .extract().path("id");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/files/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/files/" + id + "/content")
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).delete("/v1/files/" + id)
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearerAdmin("globex")).get("/v1/files")
                .then().statusCode(200).body("data.id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));

        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/files/" + id).then().statusCode(200);
        given().header("Authorization", "Bearer " + TestTokens.member("acme")).delete("/v1/files/" + id)
                .then().statusCode(200).body("id", equalTo(id)).body("object", equalTo("file"))
                .body("deleted", equalTo(true));
        given().header("Authorization", TestTokens.bearerAdmin("acme")).get("/v1/files/" + id)
                .then().statusCode(404);
    }

    @Test
    void listsNewestFirstInPages() {
        String older = upload("paging", "1.csv", "text/csv", "a\n1\n").statusCode(201).extract().path("id");
        String newer = upload("paging", "2.csv", "text/csv", "a\n2\n").statusCode(201).extract().path("id");
        String last = given().header("Authorization", TestTokens.bearerAdmin("paging")).get("/v1/files?limit=1")
                .then().statusCode(200).body("object", equalTo("list")).body("data.id", equalTo(List.of(newer)))
                .body("has_more", equalTo(true)).extract().path("last_id");
        given().header("Authorization", TestTokens.bearerAdmin("paging")).get("/v1/files?limit=1&after=" + last)
                .then().statusCode(200).body("data.id", equalTo(List.of(older))).body("has_more", equalTo(false));
    }

    @Test
    void refusesBadInputAndKeepsNothing() throws IOException {
        long blobs = countBlobs();
        String tenant = "strict";

        given().header("Authorization", TestTokens.bearerAdmin(tenant)).contentType(ContentType.JSON)
                .body("{\"purpose\":\"fine-tune\"}").post("/v1/files")
                .then().statusCode(415).contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearerAdmin(tenant)).multiPart("purpose", "fine-tune")
                .post("/v1/files")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("file"));
        given().header("Authorization", TestTokens.bearerAdmin(tenant))
                .multiPart("file", "a.csv", "a\n1\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("purpose", "assistants").post("/v1/files")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("purpose"));

        refusedAtLine(upload(tenant, "empty.csv", "text/csv", ""), 1);
        refusedAtLine(upload(tenant, "dup.csv", "text/csv", "a,b,a\n1,2,3\n"), 1);
        refusedAtLine(upload(tenant, "blank.csv", "text/csv", "a,,c\n1,2,3\n"), 1);
        refusedAtLine(upload(tenant, "ragged.csv", "text/csv", "a,b,c,d\n1,2,3,4\n\"x\ny\",2,3,4\n1,2,3,4\n1,2,3,4\n1,2,3\n"), 7)
                .body("detail", equalTo("line 7: expected 4 fields, found 3"));
        byte[] invalidUtf8 = "a,b\n1,2\n3,\u00e9\n".getBytes(StandardCharsets.UTF_8);
        invalidUtf8[invalidUtf8.length - 2] = (byte) 0xff;
        refusedAtLine(upload(tenant, "latin.csv", "text/csv", invalidUtf8), 3);
        refusedAtLine(upload(tenant, "broken.jsonl", "application/jsonl", "{\"a\":1}\n{\"a\":\n"), 2);
        refusedAtLine(upload(tenant, "array.jsonl", "application/jsonl", "[1,2]\n"), 1);
        upload(tenant, "huge.csv", "text/csv", "a\n" + "1\n".repeat(40_000))
                .statusCode(413).contentType("application/problem+json");

        given().header("Authorization", TestTokens.bearerAdmin(tenant)).get("/v1/files")
                .then().statusCode(200).body("data", org.hamcrest.Matchers.empty());
        assertThat(countBlobs()).isEqualTo(blobs);
    }

    @Test
    void rowLevelSecurityHoldsEvenWithoutTheOrmFilter() throws Exception {
        upload("acme", "rls-probe.csv", "text/csv", "a\n1\n").statusCode(201);
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "privacy_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            assertThat(count(sql, "select count(*) from privacy.file")).isZero();
            sql.execute("select set_config('modelyard.tenant', 'acme', false)");
            assertThat(count(sql, "select count(*) from privacy.file where filename = 'rls-probe.csv'")).isOne();
            sql.execute("select set_config('modelyard.tenant', 'globex', false)");
            assertThat(count(sql, "select count(*) from privacy.file where filename = 'rls-probe.csv'")).isZero();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> sql.execute(
                    "insert into privacy.file(id, tenant_id, filename, purpose, format, bytes, rows, columns, sha256, "
                            + "pii_report, created_at) values ('file-x', 'acme', 'smuggled.csv', 'fine-tune', 'CSV', 0, 0, "
                            + "'[]', 'x', '{}', now())"))
                    .hasMessageContaining("row-level security");
        }
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static ValidatableResponse upload(String tenant, String filename, String type, String content) {
        return upload(tenant, filename, type, content.getBytes(StandardCharsets.UTF_8));
    }

    private static ValidatableResponse upload(String tenant, String filename, String type, byte[] content) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant))
                .multiPart("file", filename, content, type)
                .multiPart("purpose", "fine-tune")
                .post("/v1/files")
                .then();
    }

    private static ValidatableResponse refusedAtLine(ValidatableResponse response, int line) {
        return response.statusCode(400).contentType("application/problem+json")
                .body("errors[0].line", equalTo(line)).body("errors[0].field", equalTo("file"));
    }

    private static String pseudonymOfFirstRow(String tenant, ValidatableResponse uploaded) {
        String id = uploaded.statusCode(201).extract().path("id");
        String content = given().header("Authorization", TestTokens.bearerAdmin(tenant))
                .get("/v1/files/" + id + "/content").then().statusCode(200).extract().asString();
        return firstValueOfRow(content, 1);
    }

    private static String firstValueOfRow(String csv, int row) {
        return csv.lines().skip(row).findFirst().orElseThrow().split(",")[0];
    }

    private long countBlobs() throws IOException {
        Path root = Path.of(blobStorePath, "sha256");
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
