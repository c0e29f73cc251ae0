package dev.modelyard.privacy.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.privacy.detect.DetectionEngine;
import dev.modelyard.privacy.detect.DetectionSettings;
import dev.modelyard.privacy.pii.PiiRedactor;
import dev.modelyard.privacy.pii.PiiType;
import dev.modelyard.privacy.pii.Pseudonymizer;
import dev.modelyard.privacy.policy.AnonymizationPolicy;
import dev.modelyard.privacy.policy.OperatorSpec;
import dev.modelyard.privacy.policy.PolicyReference;
import dev.modelyard.privacy.policy.PolicyRules;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AnonymizerTest {

    private static final Pseudonymizer ACME = Pseudonymizer.forTenant("secret", "acme");
    private static final Set<String> IDENTIFIERS = Set.of("id", "user_id");

    @Test
    void csvPseudonymizesIdentifierColumnsWholeAndRedactsTheRest() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Anonymized facts = anonymizer(FileFormat.CSV).anonymize(
                in("ID,comment\nu-1,mail me at a@example.com\n"), out);
        String pseudonym = ACME.pseudonym("u-1");
        assertThat(out.toString()).isEqualTo("ID,comment\r\n" + pseudonym + ",mail me at <EMAIL_ADDRESS>\r\n");
        assertThat(facts.rows()).isEqualTo(1);
        assertThat(facts.columns()).containsExactly("ID", "comment");
        assertThat(facts.piiReport()).isEqualTo(new PiiReport(1, Map.of("EMAIL_ADDRESS", 1L),
                Map.of("comment", Map.of("EMAIL_ADDRESS", 1L)), 1, Map.of(), new PolicyReference("default", 1),
                Map.of("EMAIL_ADDRESS", "replace"), Map.of("ID", "pseudonymize")));
    }

    @Test
    void csvTreatsEveryValueOfAClassifiedColumnAsItsType() throws IOException {
        StringBuilder csv = new StringBuilder("contact,note\n");
        for (int i = 0; i < 4; i++) {
            csv.append("user").append(i).append("@example.com,hello\n");
        }
        csv.append("not-an-address,hello\n,hello\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Anonymizer anonymizer = Anonymizer.of(FileFormat.CSV, new PiiRedactor(new DetectionEngine(
                new DetectionSettings(0.5, EnumSet.allOf(PiiType.class), List.of(), Map.of(), Set.of(), 5, 0.6))),
                ACME, IDENTIFIERS);
        Anonymized facts = anonymizer.anonymize(in(csv.toString()), out);
        assertThat(out.toString().lines().skip(1)).containsExactly("<EMAIL_ADDRESS>,hello", "<EMAIL_ADDRESS>,hello",
                "<EMAIL_ADDRESS>,hello", "<EMAIL_ADDRESS>,hello", "<EMAIL_ADDRESS>,hello", ",hello");
        assertThat(facts.piiReport().classifiedColumns()).isEqualTo(Map.of("contact", "EMAIL_ADDRESS"));
        assertThat(facts.piiReport().byColumn()).isEqualTo(Map.of("contact", Map.of("EMAIL_ADDRESS", 5L)));
    }

    @Test
    void csvCopiesValuesWithoutPiiWhateverTheirQuotingCharactersAndLineEnds() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Anonymized facts = anonymizer(FileFormat.CSV).anonymize(in("\uFEFFcity,note,extra\r\n"
                + "Zürich,\"Grüße, \"\"bis bald\"\"\nzweite Zeile\",\r\n\"plain\",,😀\n"), out);
        assertThat(out.toString()).isEqualTo("city,note,extra\r\n"
                + "Zürich,\"Grüße, \"\"bis bald\"\"\nzweite Zeile\",\r\nplain,,😀\r\n");
        assertThat(facts.rows()).isEqualTo(2);
        assertThat(facts.columns()).containsExactly("city", "note", "extra");
    }

    @Test
    void csvReportsInvalidUtf8OnItsLine() {
        byte[] bytes = "a,b\n1,2\n3,\u00e9\n".getBytes(StandardCharsets.UTF_8);
        bytes[bytes.length - 2] = (byte) 0xff;
        assertThatThrownBy(() -> anonymizer(FileFormat.CSV).anonymize(new ByteArrayInputStream(bytes),
                new ByteArrayOutputStream()))
                .isInstanceOf(PlatformException.class).hasMessage("line 3: not valid UTF-8");
    }

    @Test
    void csvRefusesRaggedRowsAndBadHeaders() {
        assertThatThrownBy(() -> anonymizer(FileFormat.CSV).anonymize(in("a,b\n1,2\n1\n"), new ByteArrayOutputStream()))
                .isInstanceOf(PlatformException.class).hasMessage("line 3: expected 2 fields, found 1");
        assertThatThrownBy(() -> anonymizer(FileFormat.CSV).anonymize(in("a, a\n1,2\n"), new ByteArrayOutputStream()))
                .isInstanceOf(PlatformException.class).hasMessage("line 1: the header names column 'a' twice");
        assertThatThrownBy(() -> anonymizer(FileFormat.CSV).anonymize(in("\n\n"), new ByteArrayOutputStream()))
                .isInstanceOf(PlatformException.class).hasMessage("line 1: file is empty");
    }

    @Test
    void jsonlPseudonymizesIdentifierKeysAndRedactsNestedStrings() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Anonymized facts = anonymizer(FileFormat.JSONL).anonymize(
                in("{\"user_id\":7,\"turns\":[{\"text\":\"ip 10.0.0.1\"}],\"ok\":true}\n"), out);
        assertThat(out.toString()).isEqualTo("{\"user_id\":\"" + ACME.pseudonym("7")
                + "\",\"turns\":[{\"text\":\"ip <IP_ADDRESS>\"}],\"ok\":true}\n");
        assertThat(facts.columns()).containsExactly("user_id", "turns", "ok");
        assertThat(facts.piiReport().byColumn()).isEqualTo(Map.of("turns", Map.of("IP_ADDRESS", 1L)));
    }

    @Test
    void jsonlAnswersRepeatedValuesAsIfEachLineWereAFileOfItsOwn() throws IOException {
        AnonymizationPolicy policy = AnonymizationPolicy.of("policy-x", 1, new PolicyRules(
                Map.of("US_SSN", OperatorSpec.of("suppress"), "EMAIL_ADDRESS", OperatorSpec.of("pseudonymize")),
                Map.of()), IDENTIFIERS);
        String[] roles = {"user", "assistant", "system"};
        String[] texts = {"call (555) 123-4567", "mail a@example.com", "ssn 123-45-6789", "all good", "ip 10.0.0.1"};
        String[] dates = {"04/05/1980", "1975-11-30"};
        SplittableRandom random = new SplittableRandom(3);
        StringBuilder file = new StringBuilder();
        for (int line = 0; line < 3000; line++) {
            // Keys beyond those whose redactions are kept, so both ways are taken.
            String key = "k" + random.nextInt(JsonlAnonymizer.MAX_REMEMBERED_KEYS + 50);
            file.append("{\"id\":").append(random.nextInt(100))
                    .append(",\"messages\":[{\"role\":\"").append(roles[random.nextInt(roles.length)])
                    .append("\",\"content\":\"").append(texts[random.nextInt(texts.length)]).append("\"},\"")
                    .append(texts[random.nextInt(texts.length)]).append("\"],\"").append(key).append("\":\"")
                    .append(texts[random.nextInt(texts.length)]).append(" #").append(random.nextInt(3))
                    // The same dates under a key that makes them birth dates and one that does not.
                    .append("\",\"dob\":\"").append(dates[line % dates.length])
                    .append("\",\"note\":\"").append(dates[line % dates.length]).append("\"}\n");
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        Anonymizer.of(FileFormat.JSONL, new PiiRedactor(), ACME, policy).anonymize(in(file.toString()), whole);
        StringBuilder lineByLine = new StringBuilder();
        for (String line : file.toString().split("\n")) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Anonymizer.of(FileFormat.JSONL, new PiiRedactor(), ACME, policy).anonymize(in(line + "\n"), out);
            lineByLine.append(out);
        }
        assertThat(whole.toString()).isEqualTo(lineByLine.toString()).contains("<PHONE_NUMBER>", "null", "pid_", "<DATE_OF_BIRTH>", "1975-11-30");
    }

    @Test
    void aCsvFileAnswersAsItsRowsWouldOneByOneWhetherARowIsReadAsBytesOrAsText() throws IOException {
        // No value is personal data whole, so no column is classified and each row stands on its own.
        String[] notes = {"plain", "mail me at a@example.com", "Zoë", "say \"\"hi\"\"", "\"x, y\"", "call +44 20 7946 0958",
            "born 1990-05-06", "dob 04/05/1980", "\"two\nlines\"", ""};
        // An extra column beyond ASCII, or a doubled quote, has a row read as text rather than as bytes.
        String[] extras = {"ok", "ok", "ok", "Müller", "\"a \"\"b\"\"\""};
        SplittableRandom random = new SplittableRandom(9);
        String header = "user_id,note,extra\n";
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            rows.add("u-" + random.nextInt(300) + "," + notes[random.nextInt(notes.length)] + ","
                    + extras[random.nextInt(extras.length)] + "\n");
        }
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        anonymizer(FileFormat.CSV).anonymize(in(header + String.join("", rows)), whole);
        StringBuilder rowByRow = new StringBuilder();
        for (String row : rows) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            anonymizer(FileFormat.CSV).anonymize(in(header + row), out);
            rowByRow.append(out.toString(StandardCharsets.UTF_8).substring("user_id,note,extra\r\n".length()));
        }
        assertThat(whole.toString(StandardCharsets.UTF_8)).isEqualTo("user_id,note,extra\r\n" + rowByRow)
                .contains("<EMAIL_ADDRESS>", "<PHONE_NUMBER>", "<DATE_OF_BIRTH>", "pid_", "Zoë", "\"x, y\"");
    }

    @Test
    void jsonlRefusesLinesThatAreNotOneObject() {
        assertThatThrownBy(() -> anonymizer(FileFormat.JSONL).anonymize(in("{}\n\"text\"\n"), new ByteArrayOutputStream()))
                .isInstanceOf(PlatformException.class).hasMessage("line 2: expected a JSON object");
        assertThatThrownBy(() -> anonymizer(FileFormat.JSONL).anonymize(in("{} {}\n"), new ByteArrayOutputStream()))
                .isInstanceOf(PlatformException.class).hasMessage("line 1: unexpected content after the JSON object");
        assertThatThrownBy(() -> anonymizer(FileFormat.JSONL).anonymize(in("{}\n{}\n{\"a\" 1}\n"), new ByteArrayOutputStream()))
                .isInstanceOf(PlatformException.class).hasMessageStartingWith("line 3: invalid JSON");
    }

    @Test
    void csvAppliesAPolicysColumnAndTypeOperators() throws IOException {
        AnonymizationPolicy policy = AnonymizationPolicy.of("policy-x", 2, new PolicyRules(
                Map.of("EMAIL_ADDRESS", OperatorSpec.of("pseudonymize"),
                        "PHONE_NUMBER", new OperatorSpec("mask", null, 4, "start", null, null, null, null),
                        "US_SSN", OperatorSpec.of("suppress")),
                Map.of("zip", OperatorSpec.of("keep"), "age", new OperatorSpec("generalize", null, null, null, null,
                        java.math.BigDecimal.TEN, null, null), "secret", OperatorSpec.of("suppress"))), IDENTIFIERS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Anonymized facts = Anonymizer.of(FileFormat.CSV, new PiiRedactor(), ACME, policy).anonymize(in("""
                id,zip,age,secret,note
                u-1,10115,37,hush,"mail a@example.com or call (555) 123-4567"
                u-2,10117,41,hush,ssn 123-45-6789 on file
                """), out);
        assertThat(out.toString().lines()).containsExactly("id,zip,age,secret,note",
                ACME.pseudonym("u-1") + ",10115,\"[30, 40)\",,mail " + ACME.pseudonym("a@example.com")
                        + " or call (***) *23-4567",
                ACME.pseudonym("u-2") + ",10117,\"[40, 50)\",,");
        PiiReport report = facts.piiReport();
        assertThat(report.policy()).isEqualTo(new PolicyReference("policy-x", 2));
        assertThat(report.operatorsByType()).isEqualTo(Map.of("EMAIL_ADDRESS", "pseudonymize",
                "PHONE_NUMBER", "mask", "US_SSN", "suppress"));
        assertThat(report.operatorsByColumn()).isEqualTo(Map.of("id", "pseudonymize", "zip", "keep",
                "age", "generalize", "secret", "suppress"));
        assertThat(report.byColumn()).isEqualTo(Map.of("note", Map.of("EMAIL_ADDRESS", 1L, "PHONE_NUMBER", 1L,
                "US_SSN", 1L)));
    }

    @Test
    void jsonlAppliesColumnOperatorsToValuesAndSuppressesToNull() throws IOException {
        AnonymizationPolicy policy = AnonymizationPolicy.of("policy-x", 1, new PolicyRules(
                Map.of("IP_ADDRESS", OperatorSpec.of("suppress")),
                Map.of("profile", OperatorSpec.of("keep"), "history", OperatorSpec.of("suppress"),
                        "age", new OperatorSpec("generalize", null, null, null, null, java.math.BigDecimal.TEN, null,
                                null))), IDENTIFIERS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Anonymized facts = Anonymizer.of(FileFormat.JSONL, new PiiRedactor(), ACME, policy).anonymize(in(
                "{\"user_id\":7,\"age\":37,\"profile\":{\"zip\":\"10115\"},\"history\":[1,2],"
                        + "\"text\":\"from 10.0.0.1\"}\n"), out);
        assertThat(out.toString()).isEqualTo("{\"user_id\":\"" + ACME.pseudonym("7")
                + "\",\"age\":\"[30, 40)\",\"profile\":{\"zip\":\"10115\"},\"history\":null,\"text\":null}\n");
        assertThat(facts.piiReport().operatorsByColumn()).isEqualTo(Map.of("user_id", "pseudonymize",
                "age", "generalize", "profile", "keep", "history", "suppress"));
        assertThat(facts.piiReport().operatorsByType()).isEqualTo(Map.of("IP_ADDRESS", "suppress"));
    }

    private static Anonymizer anonymizer(FileFormat format) {
        return Anonymizer.of(format, new PiiRedactor(), ACME, IDENTIFIERS);
    }

    private static ByteArrayInputStream in(String content) {
        return new ByteArrayInputStream(content.getBytes(StandardCharsets.UTF_8));
    }
}
