package dev.modelyard.privacy.policy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.modelyard.testsupport.PostgresResource;
import dev.modelyard.testsupport.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(value = PostgresResource.class, restrictToAnnotatedClass = false,
        initArgs = @ResourceArg(name = "database", value = "modelyard_test_privacy"))
class PolicyResourceTest {

    private static final String MASK_PHONES = """
            {"name": "support exports", "description": "phones masked, e-mails joinable",
             "types": {"PHONE_NUMBER": {"operator": "mask", "chars": 4, "from": "end", "masking_char": "#"},
                       "EMAIL_ADDRESS": {"operator": "pseudonymize"}},
             "columns": {"tier": {"operator": "keep"}}}""";

    @Test
    void eachUpdateIsANewImmutableVersion() {
        String tenant = "versioned";
        String id = create(tenant, MASK_PHONES).statusCode(201)
                .body("id", startsWith("policy-"))
                .body("object", equalTo("privacy.policy"))
                .body("version", equalTo(1))
                .body("name", equalTo("support exports"))
                .body("types.PHONE_NUMBER", equalTo(Map.of("operator", "mask", "chars", 4, "from", "end",
                        "masking_char", "#")))
                .body("columns.tier.operator", equalTo("keep"))
                .body("created_by", equalTo("admin@" + tenant))
                .extract().path("id");

        asAdmin(tenant).contentType(ContentType.JSON)
                .body("{\"name\": \"support exports v2\", \"types\": {\"PHONE_NUMBER\": {\"operator\": \"redact\"}}}")
                .put("/v1/privacy/policies/" + id).then().statusCode(200)
                .body("id", equalTo(id)).body("version", equalTo(2)).body("name", equalTo("support exports v2"))
                .body("types.PHONE_NUMBER.operator", equalTo("redact")).body("columns", equalTo(Map.of()));

        asMember(tenant).get("/v1/privacy/policies/" + id).then().statusCode(200)
                .body("version", equalTo(2)).body("description", nullValue());
        asMember(tenant).get("/v1/privacy/policies/" + id + "/versions/1").then().statusCode(200)
                .body("object", equalTo("privacy.policy.version"))
                .body("version", equalTo(1)).body("name", equalTo("support exports"))
                .body("types.PHONE_NUMBER.operator", equalTo("mask"))
                .body("description", equalTo("phones masked, e-mails joinable"));
        asMember(tenant).get("/v1/privacy/policies/" + id + "/versions").then().statusCode(200)
                .body("object", equalTo("list")).body("data.version", equalTo(List.of(2, 1)));
        asMember(tenant).get("/v1/privacy/policies/" + id + "/versions?limit=1").then().statusCode(200)
                .body("has_more", equalTo(true)).body("last_id", equalTo("2"));
        asMember(tenant).get("/v1/privacy/policies/" + id + "/versions?limit=1&after=2").then().statusCode(200)
                .body("data.version", equalTo(List.of(1))).body("has_more", equalTo(false));
        asMember(tenant).get("/v1/privacy/policies/" + id + "/versions/3").then().statusCode(404);
        asMember(tenant).get("/v1/privacy/policies").then().statusCode(200)
                .body("data.id", hasItem(id)).body("data.find { it.id == '" + id + "' }.version", equalTo(2));
    }

    @Test
    void onlyTenantAdminsWritePolicies() {
        asMember("writers").contentType(ContentType.JSON).body(MASK_PHONES).post("/v1/privacy/policies")
                .then().statusCode(403);
        String id = create("writers", MASK_PHONES).statusCode(201).extract().path("id");
        asMember("writers").contentType(ContentType.JSON).body(MASK_PHONES).put("/v1/privacy/policies/" + id)
                .then().statusCode(403);
    }

    @Test
    void refusesUnknownTypesOperatorsAndBadParametersNamingEachField() {
        create("strict", """
                {"types": {"SHOE_SIZE": {"operator": "keep"}, "IBAN": {"operator": "shred"},
                           "PHONE_NUMBER": {"operator": "mask", "chars": 0, "literal": "x"}},
                 "columns": {"dob": {"operator": "generalize", "date_precision": "week"},
                             "age": {"operator": "generalize"}}}""")
                .statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://modelyard.dev/problems/invalid-request"))
                .body("errors.field", containsInAnyOrder("name", "types.SHOE_SIZE", "types.IBAN.operator",
                        "types.PHONE_NUMBER.chars", "types.PHONE_NUMBER.literal", "columns.dob.date_precision",
                        "columns.age"));
        String id = create("strict", MASK_PHONES).statusCode(201).extract().path("id");
        asAdmin("strict").contentType(ContentType.JSON).body("{\"name\": \"x\", \"columns\": {\"a\": {}}}")
                .put("/v1/privacy/policies/" + id).then().statusCode(400)
                .body("errors.field", equalTo(List.of("columns.a.operator")));
        asMember("strict").get("/v1/privacy/policies/" + id).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void anotherTenantsPolicyDoesNotExist() {
        String id = create("keeper", MASK_PHONES).statusCode(201).extract().path("id");
        asAdmin("prying").get("/v1/privacy/policies/" + id).then().statusCode(404)
                .contentType("application/problem+json");
        asAdmin("prying").get("/v1/privacy/policies/" + id + "/versions").then().statusCode(404);
        asAdmin("prying").get("/v1/privacy/policies/" + id + "/versions/1").then().statusCode(404);
        asAdmin("prying").contentType(ContentType.JSON).body(MASK_PHONES).put("/v1/privacy/policies/" + id)
                .then().statusCode(404);
        asAdmin("prying").get("/v1/privacy/policies").then().statusCode(200).body("data.id", not(hasItem(id)));
        upload("prying", id, "people.csv", "id,note\n1,x\n").statusCode(400)
                .body("errors[0].field", equalTo("policy"));
        asMember("keeper").get("/v1/privacy/policies/" + id).then().statusCode(200).body("version", equalTo(1));
    }

    @Test
    void anUploadIsAnonymizedByTheNamedPolicyVersionAndRecordsIt() {
        String tenant = "policed";
        String id = create(tenant, MASK_PHONES).statusCode(201).extract().path("id");
        asAdmin(tenant).contentType(ContentType.JSON)
                .body("{\"name\": \"drop phones\", \"types\": {\"PHONE_NUMBER\": {\"operator\": \"suppress\"}}}")
                .put("/v1/privacy/policies/" + id).then().statusCode(200);
        String csv = "id,tier,note\nu-1,gold,call (555) 123-4567 or mail a@example.com\n";

        String first = upload(tenant, id + "@1", "support.csv", csv).statusCode(201)
                .body("policy", equalTo(Map.of("id", id, "version", 1)))
                .body("pii_report.policy", equalTo(Map.of("id", id, "version", 1)))
                .body("pii_report.operators_by_type", equalTo(Map.of("PHONE_NUMBER", "mask",
                        "EMAIL_ADDRESS", "pseudonymize")))
                .body("pii_report.operators_by_column", equalTo(Map.of("id", "pseudonymize", "tier", "keep")))
                .extract().path("id");
        String content = content(tenant, first);
        assertThat(content).contains(",gold,call (555) 123-#### or mail pid_").doesNotContain("a@example.com", "u-1");

        String latest = upload(tenant, id, "support.csv", csv).statusCode(201)
                .body("policy", equalTo(Map.of("id", id, "version", 2)))
                .body("pii_report.operators_by_type.PHONE_NUMBER", equalTo("suppress")).extract().path("id");
        assertThat(content(tenant, latest).lines().skip(1)).allMatch(line -> line.endsWith(","));
        asMember(tenant).get("/v1/files/" + latest).then().statusCode(200)
                .body("policy", equalTo(Map.of("id", id, "version", 2)));

        upload(tenant, null, "plain.csv", csv).statusCode(201)
                .body("policy", equalTo(Map.of("id", "default", "version", 1)))
                .body("pii_report.operators_by_type", equalTo(Map.of("PHONE_NUMBER", "replace",
                        "EMAIL_ADDRESS", "replace")));
        upload(tenant, "default", "plain.csv", csv).statusCode(201).body("policy.id", equalTo("default"));
    }

    @Test
    void aPolicyReferenceMustNameAVersionOfTheTenantAndComeBeforeTheFile() {
        String tenant = "referencing";
        String id = create(tenant, MASK_PHONES).statusCode(201).extract().path("id");
        for (String reference : List.of(id + "@2", id + "@x", id + "@0", "policy-NOPE")) {
            upload(tenant, reference, "a.csv", "id,note\n1,x\n").statusCode(400)
                    .contentType("application/problem+json").body("errors[0].field", equalTo("policy"));
        }
        asAdmin(tenant)
                .multiPart("file", "a.csv", "id,note\n1,x\n".getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("policy", id)
                .multiPart("purpose", "fine-tune")
                .post("/v1/files").then().statusCode(400).body("errors[0].field", equalTo("policy"))
                .body("errors[0].message", equalTo("must come before the file part"));
    }

    /**
     * Detection would replace postal codes and birth dates; a policy keeping them lets the upload carry the
     * quasi-identifiers that k-anonymity then generalizes.
     */
    @Test
    void quasiIdentifiersKeptByAPolicySurviveForKAnonymity() {
        String tenant = "kanon";
        String patients = """
                email,zip_code,date_of_birth,diagnosis
                ann@example.com,13053,1985-03-14,flu
                bob@example.com,13068,1985-07-02,cold
                cat@example.com,13068,1986-01-30,flu
                dan@example.com,13053,1986-11-12,cancer
                eve@example.com,14850,1990-05-17,flu
                fay@example.com,14853,1991-02-08,cold
                gus@example.com,14850,1990-09-23,cancer
                hal@example.com,14853,1991-12-01,flu
                """;
        String byDefault = upload(tenant, null, "patients.csv", patients).statusCode(201).extract().path("id");
        assertThat(content(tenant, byDefault)).contains("<POSTAL_CODE>", "<DATE_OF_BIRTH>").doesNotContain("13053");

        String policy = create(tenant, """
                {"name": "research", "columns": {"zip_code": {"operator": "keep"},
                                                 "date_of_birth": {"operator": "keep"}}}""")
                .statusCode(201).extract().path("id");
        String kept = upload(tenant, policy, "patients.csv", patients).statusCode(201)
                .body("pii_report.operators_by_column", equalTo(Map.of("email", "pseudonymize", "zip_code", "keep",
                        "date_of_birth", "keep")))
                .extract().path("id");
        assertThat(content(tenant, kept)).contains(",13053,1985-03-14,flu").doesNotContain("ann@example.com");

        String derived = asAdmin(tenant).contentType(ContentType.JSON).body("""
                {"quasi_identifiers": [{"column": "zip_code", "type": "postal_code"},
                                       {"column": "date_of_birth", "type": "date"}],
                 "k": 2, "suppression_limit": 0}""")
                .post("/v1/files/" + kept + "/anonymize").then().statusCode(201)
                .body("anonymization.k", equalTo(2))
                .body("anonymization.risk_after.highest", equalTo(0.5f))
                .body("policy", equalTo(Map.of("id", policy, "version", 1)))
                .extract().path("id");
        assertThat(content(tenant, derived)).doesNotContain("1985-03-14");
    }

    private static ValidatableResponse create(String tenant, String body) {
        return asAdmin(tenant).contentType(ContentType.JSON).body(body).post("/v1/privacy/policies").then();
    }

    private static ValidatableResponse upload(String tenant, String policy, String filename, String csv) {
        RequestSpecification request = asAdmin(tenant);
        if (policy != null) {
            request = request.multiPart("policy", policy);
        }
        return request.multiPart("file", filename, csv.getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("purpose", "fine-tune")
                .post("/v1/files").then();
    }

    private static String content(String tenant, String file) {
        return asMember(tenant).get("/v1/files/" + file + "/content").then().statusCode(200).extract().asString();
    }

    private static RequestSpecification asAdmin(String tenant) {
        return given().header("Authorization", TestTokens.bearerAdmin(tenant));
    }

    private static RequestSpecification asMember(String tenant) {
        return given().header("Authorization", "Bearer " + TestTokens.member(tenant));
    }
}
