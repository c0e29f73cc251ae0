package dev.modelyard.privacy.file;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
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

    @ConfigProperty(name = "modelyard.home")
    String home;

    @ConfigProperty(name = "quarkus.http.body.uploads-directory")
    String uploadsDirectory;

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

    @Test
    void acceptsThePurposeBeforeTheFileAndRefusesABadOneBeforeReadingTheFile() {
        given().header("Authorization", TestTokens.bearerAdmin("ordered"))
                .multiPart("purpose", "fine-tune")
                .multiPart("file", "first.csv", "kind,count\npurpose-first,1\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/v1/files")
                .then().statusCode(201).body("purpose", equalTo("fine-tune")).body("rows", equalTo(1));
        given().header("Authorization", TestTokens.bearerAdmin("ordered"))
                .multiPart("purpose", "assistants")
                .multiPart("file", "second.csv", "not,even\nread\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .post("/v1/files")
                .then().statusCode(400).body("errors[0].field", equalTo("purpose"));
    }

    @Test
    void refusesAMultipartBodyWithoutItsClosingBoundary() {
        String body = "--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\na\n1\n";
        given().header("Authorization", TestTokens.bearerAdmin("strict"))
                .contentType("multipart/form-data; boundary=cut").body(body.getBytes(StandardCharsets.UTF_8))
                .post("/v1/files")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("closing boundary"));
    }

    @Test
    void streamsAnUploadWithoutWritingRawContentAnywhere() throws Exception {
        String canary = "canary-" + UUID.randomUUID() + "@example.com";
        Path homeTmp = Path.of(home, "tmp");
        List<Path> writtenDuringUploads = List.of(homeTmp, Path.of(uploadsDirectory), Path.of(blobStorePath));
        AtomicInteger scans = new AtomicInteger();
        List<Path> leaks = new CopyOnWriteArrayList<>();
        Thread watcher = Thread.ofVirtual().start(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                leaks.addAll(filesContaining(writtenDuringUploads, canary));
                leaks.addAll(filesUnder(homeTmp));
                scans.incrementAndGet();
            }
        });
        String id;
        try {
            id = given().header("Authorization", TestTokens.bearerAdmin("streaming"))
                    .multiPart("file", "slow.csv", new SlowCsv(canary, 600), "text/csv")
                    .multiPart("purpose", "fine-tune")
                    .post("/v1/files")
                    .then().statusCode(201).body("rows", equalTo(600)).extract().path("id");
        } finally {
            watcher.interrupt();
            watcher.join();
        }
        assertThat(leaks).isEmpty();
        assertThat(scans.get()).isGreaterThan(10);
        String content = given().header("Authorization", TestTokens.bearerAdmin("streaming"))
                .get("/v1/files/" + id + "/content").then().statusCode(200).extract().asString();
        assertThat(content).doesNotContain(canary).contains("<EMAIL_ADDRESS>");
    }

    @Test
    void refusesAnUploadFarAboveTheLimitAndKeepsNothing() throws IOException {
        long blobs = countBlobs();
        given().header("Authorization", TestTokens.bearerAdmin("oversized"))
                .multiPart("file", "big.csv", new SlowCsv("someone@example.com", 40_000), "text/csv")
                .multiPart("purpose", "fine-tune")
                .post("/v1/files")
                .then().statusCode(413).contentType("application/problem+json").body("errors[0].field", equalTo("file"));
        given().header("Authorization", TestTokens.bearerAdmin("oversized")).get("/v1/files")
                .then().statusCode(200).body("data", org.hamcrest.Matchers.empty());
        assertThat(countBlobs()).isEqualTo(blobs);
    }

    @Test
    void deletingAFileReclaimsItsBlob() {
        String sha256 = upload("reclaim", "own.csv", "text/csv", "kind,count\nonly-here,1\n").statusCode(201)
                .extract().path("sha256");
        String id = idOfBlob("reclaim", sha256);
        assertThat(blobPath(sha256)).isRegularFile();
        given().header("Authorization", TestTokens.bearerAdmin("reclaim")).delete("/v1/files/" + id)
                .then().statusCode(200);
        assertThat(blobPath(sha256)).doesNotExist();
    }

    @Test
    void aBlobSharedByTwoTenantsStaysUntilTheLastFileIsDeleted() throws Exception {
        String csv = "kind,count\nshared-by-two,2\n";
        String sha256 = upload("first", "shared.csv", "text/csv", csv).statusCode(201).extract().path("sha256");
        upload("second", "shared.csv", "text/csv", csv).statusCode(201).body("sha256", equalTo(sha256));

        given().header("Authorization", TestTokens.bearerAdmin("first")).delete("/v1/files/" + idOfBlob("first", sha256))
                .then().statusCode(200);
        assertThat(blobPath(sha256)).isRegularFile();
        given().header("Authorization", TestTokens.bearerAdmin("second"))
                .get("/v1/files/" + idOfBlob("second", sha256) + "/content").then().statusCode(200)
                .body(containsString("shared-by-two"));
        try (Connection connection = DriverManager.getConnection(jdbcUrl, "privacy_app", PostgresResource.PASSWORD);
             Statement sql = connection.createStatement()) {
            // With no tenant set the service's role sees no rows, yet learns that the blob is still in use.
            assertThat(count(sql, "select count(*) from privacy.file")).isZero();
            assertThat(bool(sql, "select privacy.file_blob_in_use('" + sha256 + "')")).isTrue();
            assertThat(bool(sql, "select privacy.file_blob_in_use('" + "0".repeat(64) + "')")).isFalse();
        }

        given().header("Authorization", TestTokens.bearerAdmin("second")).delete("/v1/files/" + idOfBlob("second", sha256))
                .then().statusCode(200);
        assertThat(blobPath(sha256)).doesNotExist();
    }

    private static long count(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static boolean bool(Statement sql, String query) throws Exception {
        try (ResultSet rows = sql.executeQuery(query)) {
            rows.next();
            return rows.getBoolean(1);
        }
    }

    private static String idOfBlob(String tenant, String sha256) {
        List<String> ids = given().header("Authorization", TestTokens.bearerAdmin(tenant)).get("/v1/files?limit=100")
                .then().statusCode(200).extract().path("data.findAll { it.sha256 == '" + sha256 + "' }.id");
        assertThat(ids).hasSize(1);
        return ids.getFirst();
    }

    private Path blobPath(String sha256) {
        return Path.of(blobStorePath, "sha256", sha256.substring(0, 2), sha256.substring(2, 4), sha256);
    }

    private static List<Path> filesUnder(Path directory) {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }

    /** Files (even half-written or short-lived ones) that hold {@code text}; one that vanishes while read is skipped. */
    private static List<Path> filesContaining(List<Path> directories, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        return directories.stream().flatMap(directory -> filesUnder(directory).stream()).filter(file -> {
            try {
                return indexOf(Files.readAllBytes(file), needle) >= 0;
            } catch (IOException e) {
                return false;
            }
        }).toList();
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
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

    /**
     * A CSV generated row by row and handed out a little at a time with pauses, like a slow client: each row
     * names {@code email} in free text, which must never reach a disk unredacted.
     */
    private static final class SlowCsv extends InputStream {

        private final String email;
        private final int rows;
        private byte[] pending = "id,notes\n".getBytes(StandardCharsets.UTF_8);
        private int position;
        private int row;

        SlowCsv(String email, int rows) {
            this.email = email;
            this.rows = rows;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            if (position == pending.length) {
                if (row == rows) {
                    return -1;
                }
                row++;
                if (row % 100 == 0 && rows < 10_000) {
                    pause();
                }
                pending = ("u-" + row + ",write to " + email + " about order " + row + "\n").getBytes(StandardCharsets.UTF_8);
                position = 0;
            }
            int count = Math.min(length, pending.length - position);
            System.arraycopy(pending, position, target, offset, count);
            position += count;
            return count;
        }

        private static void pause() throws IOException {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }
    }
}
