package dev.modelyard.privacy.kanon;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;

import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_privacy"))
class KAnonymityResourceTest {

    /** The area codes sit in a column whose name gives no postal context, so upload leaves them as they are. */
    private static final String PATIENTS = """
            age,area,city,diagnosis
            25,13053,Paris,flu
            27,13068,Paris,cold
            28,13068,Lyon,flu
            26,13053,Lyon,cancer
            41,14850,Berlin,flu
            45,14853,Munich,cold
            48,14850,Berlin,cancer
            43,14853,Munich,flu
            """;

    private static final String AGE_AND_AREA = """
            {"quasi_identifiers": [{"column": "age", "type": "number"}, {"column": "area", "type": "postal_code"}],
             "k": 4, "suppression_limit": 0, "sensitive_column": "diagnosis", "l": 2}""";

    @Test
    void writesTheGeneralizedTableAsANewFileWithItsReport() {
        String source = upload("clinic", "patients.csv", "text/csv", PATIENTS);

        String derived = anonymize("clinic", source, AGE_AND_AREA)
                .statusCode(201)
                .body("filename", equalTo("patients-k4.csv"))
                .body("purpose", equalTo("fine-tune"))
                .body("format", equalTo("csv"))
                .body("rows", equalTo(8))
                .body("anonymization.k", equalTo(4))
                .body("anonymization.l", equalTo(2))
                .body("anonymization.generalization", equalTo(Map.of("age", 5, "area", 2)))
                .body("anonymization.suppressed_rows", equalTo(0))
                .body("anonymization.risk_before.highest", equalTo(1.0f))
                .body("anonymization.risk_before.records_at_risk", equalTo(1.0f))
                .body("anonymization.risk_after.highest", equalTo(0.25f))
                .body("anonymization.risk_after.average", equalTo(0.25f))
                .body("anonymization.information_loss", equalTo((float) ((5.0 / 6 + 2.0 / 5) / 2)))
                .body("anonymization.derived_from", equalTo(source))
                .extract().path("id");

        assertThat(content("clinic", derived)).isEqualTo("""
                age,area,city,diagnosis
                "[0, 32)",130**,Paris,flu
                "[0, 32)",130**,Paris,cold
                "[0, 32)",130**,Lyon,flu
                "[0, 32)",130**,Lyon,cancer
                "[32, 64)",148**,Berlin,flu
                "[32, 64)",148**,Munich,cold
                "[32, 64)",148**,Berlin,cancer
                "[32, 64)",148**,Munich,flu
                """.replace("\n", "\r\n"));
        given().header("Authorization", TestTokens.bearerAdmin("clinic")).get("/v1/files/" + derived)
                .then().statusCode(200).body("anonymization.derived_from", equalTo(source))
                .body("anonymization.risk_after.highest", equalTo(0.25f));
        given().header("Authorization", TestTokens.bearerAdmin("clinic")).get("/v1/files/" + source)
                .then().statusCode(200).body("$", not(hasKey("anonymization")));

        String byCountry = anonymize("clinic", source, """
                {"quasi_identifiers": [{"column": "city", "type": "category", "hierarchy": {
                   "Paris": ["France"], "Lyon": ["France"], "Berlin": ["Germany"], "Munich": ["Germany", "*"]}}],
                 "k": 4}""")
                .statusCode(201).body("anonymization.generalization", equalTo(Map.of("city", 1)))
                .body("anonymization", not(hasKey("l")))
                .extract().path("id");
        assertThat(content("clinic", byCountry)).contains(",France,", ",Germany,").doesNotContain("Paris", "Munich");
    }

    @Test
    void anotherTenantsFileIsNotFound() {
        String source = upload("clinic", "private.csv", "text/csv", PATIENTS);
        anonymize("rival", source, AGE_AND_AREA).statusCode(404).contentType("application/problem+json");
    }

    @Test
    void refusesWhatCannotBeAnonymizedNamingTheField() {
        String source = upload("careful", "patients.csv", "text/csv", PATIENTS);
        refused(anonymize("careful", source, """
                {"quasi_identifiers": [{"column": "height", "type": "number"}], "k": 2}"""), 400,
                "quasi_identifiers[0].column");
        refused(anonymize("careful", source, """
                {"quasi_identifiers": [{"column": "age", "type": "number"}], "k": 1}"""), 400, "k");
        refused(anonymize("careful", source, """
                {"quasi_identifiers": [{"column": "city", "type": "category"}], "k": 2}"""), 400,
                "quasi_identifiers[0].hierarchy");
        refused(anonymize("careful", source, """
                {"quasi_identifiers": [{"column": "city", "type": "number"}], "k": 2}"""), 400,
                "quasi_identifiers[0].type");
        refused(anonymize("careful", source, """
                {"quasi_identifiers": [{"column": "age", "type": "number"}], "k": 20}"""), 422, "k")
                .body("detail", containsString("best found risk"));

        String jsonl = upload("careful", "chat.jsonl", "application/jsonl", "{\"age\":25}\n");
        refused(anonymize("careful", jsonl, """
                {"quasi_identifiers": [{"column": "age", "type": "number"}], "k": 2}"""), 400, "id");
    }

    private static String upload(String tenant, String filename, String type, String content) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant))
                .multiPart("file", filename, content.getBytes(StandardCharsets.UTF_8), type)
                .multiPart("purpose", "fine-tune")
                .post("/v1/files")
                .then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse anonymize(String tenant, String fileId, String body) {
        return given().header("Authorization", "Bearer " + TestTokens.member(tenant)).contentType(ContentType.JSON)
                .body(body).post("/v1/files/" + fileId + "/anonymize").then();
    }

    private static String content(String tenant, String fileId) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant)).get("/v1/files/" + fileId + "/content")
                .then().statusCode(200).extract().asString();
    }

    private static ValidatableResponse refused(ValidatableResponse response, int status, String field) {
        return response.statusCode(status).contentType("application/problem+json").body("errors[0].field", equalTo(field));
    }
}
