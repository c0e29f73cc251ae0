package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.pii.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DetectionEngineTest {

    private final DetectionEngine engine = new DetectionEngine(DetectionSettings.defaults());

    @Test
    void findsEmailAddresses() {
        assertThat(found("write to jane.doe+ml@mail.example.co.uk or ops@example.com."))
                .containsExactly("EMAIL_ADDRESS jane.doe+ml@mail.example.co.uk", "EMAIL_ADDRESS ops@example.com");
        assertThat(found("not@an-address, @handle, user@localhost")).isEmpty();
    }

    @Test
    void findsPhoneNumbersValidInTheirPlanOrWithContext() {
        assertThat(found("call +49 30 1234567 or +1 (415) 555-0100")).containsExactly(
                "PHONE_NUMBER +49 30 1234567", "PHONE_NUMBER +1 (415) 555-0100");
        assertThat(found("Berlin 030 12345678, Paris 01 23 45 67 89")).containsExactly(
                "PHONE_NUMBER 030 12345678", "PHONE_NUMBER 01 23 45 67 89");
        assertThat(found("tel (555) 123-4567")).containsExactly("PHONE_NUMBER (555) 123-4567");
        assertThat(engine.detect("555.987.6543", "phone")).hasSize(1);
    }

    @Test
    void leavesDatesAmountsOrderNumbersAndUnassignedNumbersAlone() {
        assertThat(found("on 2024-01-15 or 01.02.2024 we paid 1234567 for order 12-34, ext +1 23")).isEmpty();
        assertThat(found("order 212-555-0147 shipped")).isEmpty();
        assertThat(found("(555) 123-4567")).isEmpty();
    }

    @Test
    void findsCardNumbersOfMajorBrandsThatPassLuhn() {
        assertThat(found("visa 4111 1111 1111 1111, mc 5555-5555-5555-4444, amex 378282246310005"))
                .containsExactly("CREDIT_CARD 4111 1111 1111 1111", "CREDIT_CARD 5555-5555-5555-4444",
                        "CREDIT_CARD 378282246310005");
        assertThat(found("2-series 2223003122003222, jcb 3530111333300000, diners 30569309025904, up 6212345678901232"))
                .hasSize(4);
    }

    @Test
    void ignoresCardLookalikesFailingLuhnOrBrandRanges() {
        assertThat(found("4111 1111 1111 1112 and 4111111111111110 and 411111111111 and 9111111111111111"))
                .isEmpty();
    }

    @Test
    void findsIbansWithValidCheckDigitsAndCountryLength() {
        assertThat(found("DE89 3704 0044 0532 0130 00 / GB82WEST12345698765432 / NL91ABNA0417164300"))
                .containsExactly("IBAN DE89 3704 0044 0532 0130 00", "IBAN GB82WEST12345698765432",
                        "IBAN NL91ABNA0417164300");
        assertThat(found("FR1420041010050500013M02606 CH9300762011623852957 NO9386011117947")).hasSize(3);
        assertThat(found("DE88 3704 0044 0532 0130 00 and DE89370400440532013 and XX89370400440532013000"))
                .isEmpty();
    }

    @Test
    void findsIpAndMacAddresses() {
        assertThat(found("from 192.168.1.20 and 8.8.8.8.")).containsExactly("IP_ADDRESS 192.168.1.20", "IP_ADDRESS 8.8.8.8");
        assertThat(found("v6 2001:0db8:85a3:0000:0000:8a2e:0370:7334, 2001:db8::1, ::ffff:192.0.2.1")).containsExactly(
                "IP_ADDRESS 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "IP_ADDRESS 2001:db8::1", "IP_ADDRESS ::ffff:192.0.2.1");
        assertThat(found("nic 00:1A:2B:3C:4D:5E or 00-1a-2b-3c-4d-5e or 001a.2b3c.4d5e")).containsExactly(
                "MAC_ADDRESS 00:1A:2B:3C:4D:5E", "MAC_ADDRESS 00-1a-2b-3c-4d-5e", "MAC_ADDRESS 001a.2b3c.4d5e");
        assertThat(found("999.1.1.1, 256.0.0.1, 1.2.3, at 12:30:45, 1::2::3, 12345::1")).isEmpty();
    }

    @Test
    void findsUrlsWithCredentialsWhole() {
        assertThat(found("dsn postgres://admin:s3cret@db.internal:5432/app"))
                .containsExactly("URL_CREDENTIALS postgres://admin:s3cret@db.internal:5432");
    }

    @Test
    void findsSocialSecurityNumbersThatCanBeIssued() {
        assertThat(found("ssn 123-45-6789, 078-05-1120")).containsExactly("US_SSN 123-45-6789", "US_SSN 078-05-1120");
        assertThat(found("000-12-3456 666-12-3456 900-12-3456 123-00-4567 123-45-0000 1123-45-6789")).isEmpty();
    }

    @Test
    void takesADateForABirthDateOnlyInContext() {
        assertThat(found("born 12.03.1985, DOB: 1990-07-04, geb. 01.02.1970, date of birth March 5, 1961"))
                .containsExactly("DATE_OF_BIRTH 12.03.1985", "DATE_OF_BIRTH 1990-07-04", "DATE_OF_BIRTH 01.02.1970",
                        "DATE_OF_BIRTH March 5, 1961");
        assertThat(found("shipped 12.03.1985 and 1990-07-04")).isEmpty();
        assertThat(engine.detect("1990-07-04", "date_of_birth")).hasSize(1);
    }

    @Test
    void takesFiveDigitsForAPostalCodeOnlyInContext() {
        assertThat(found("ZIP 94103-1234, PLZ 10115, London SW1A 1AA")).containsExactly(
                "POSTAL_CODE 94103-1234", "POSTAL_CODE 10115", "POSTAL_CODE SW1A 1AA");
        assertThat(found("we sold 94103 units")).isEmpty();
    }

    @Test
    void findsNationalIdsWithValidCheckCharacters() {
        assertThat(found("NINO AB 12 34 56 C, DNI 12345678Z, NIE X1234567L, CF RSSMRA85T10A562S, NIR 1 85 05 78 006 084 91"))
                .containsExactly("UK_NINO AB 12 34 56 C", "ES_DNI 12345678Z", "ES_DNI X1234567L",
                        "IT_FISCAL_CODE RSSMRA85T10A562S", "FR_NIR 1 85 05 78 006 084 91");
        assertThat(found("GB 12 34 56 C, 12345678A, 1 85 05 78 006 084 92")).isEmpty();
    }

    @Test
    void findsSecretsByPrefixAndRandomStringsNextToSecretWords() {
        assertThat(found("aws AKIAIOSFODNN7EXAMPLE gh ghp_abcdefghijklmnopqrstuvwxyz0123456789 slack xoxb-123456789012-abcdef"))
                .containsExactly("SECRET AKIAIOSFODNN7EXAMPLE", "SECRET ghp_abcdefghijklmnopqrstuvwxyz0123456789",
                        "SECRET xoxb-123456789012-abcdef");
        assertThat(found("-----BEGIN RSA PRIVATE KEY-----")).containsExactly("SECRET -----BEGIN RSA PRIVATE KEY-----");
        assertThat(found("password: q8Zr2LmX0vT4bN7kPw1s")).containsExactly("SECRET q8Zr2LmX0vT4bN7kPw1s");
        assertThat(found("build q8Zr2LmX0vT4bN7kPw1s, token aaaaaaaaaaaaaaaaaaaaaaaa1")).isEmpty();
    }

    @Test
    void appliesTheTenantsPatternsListsAndEnabledTypes() {
        DetectionSettings settings = DetectionSettings.defaults().withTenantLists(
                List.of(new DetectionSettings.CustomPattern("EMPLOYEE_ID", "EMP-\\d{6}", 0.9)),
                Map.of("Project Falcon", "CODENAME"), Set.of("support@example.com"));
        DetectionEngine tenant = new DetectionEngine(settings);
        assertThat(tenant.detect("EMP-123456 on Project Falcon, ask support@example.com or bob@example.com", null))
                .extracting(Finding::type).containsExactly("EMPLOYEE_ID", "CODENAME", "EMAIL_ADDRESS");
        DetectionEngine emailOnly = new DetectionEngine(new DetectionSettings(0.5, EnumSet.of(PiiType.EMAIL_ADDRESS),
                List.of(), Map.of(), Set.of(), 100, 0.6));
        assertThat(emailOnly.detect("bob@example.com 4111 1111 1111 1111", null)).extracting(Finding::type)
                .containsExactly("EMAIL_ADDRESS");
    }

    @Test
    void aHigherThresholdNeedsStrongerEvidence() {
        DetectionEngine strict = new DetectionEngine(DetectionSettings.defaults().withThreshold(0.8));
        assertThat(strict.detect("from 192.168.1.20", null)).extracting(Finding::type).containsExactly("IP_ADDRESS");
        assertThat(strict.detect("at 192.168.1.20", null)).isEmpty();
    }

    @Test
    void scoresStayWithinZeroAndOne() {
        assertThat(engine.detect("card 4111 1111 1111 1111", "card_number")).singleElement()
                .satisfies(finding -> assertThat(finding.score()).isBetween(0.5, 1.0));
    }

    private List<String> found(String text) {
        return engine.detect(text, null).stream()
                .map(finding -> finding.type() + " " + text.substring(finding.start(), finding.end()))
                .toList();
    }
}
