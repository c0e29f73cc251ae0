package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class ShapedPseudonymTest {

    private static final Pseudonymizer ACME = Pseudonymizer.forTenant("secret", "acme");
    private static final Pseudonymizer GLOBEX = Pseudonymizer.forTenant("secret", "globex");

    @Test
    void keepsTheShapeAndIsStableWithinATenantOnly() {
        String pseudonym = ACME.shaped("Ab-12 x9", null);
        assertThat(pseudonym).matches("[A-Z][a-z]-[0-9]{2} [a-z][0-9]").isNotEqualTo("Ab-12 x9");
        assertThat(Pseudonymizer.forTenant("secret", "acme").shaped("Ab-12 x9", null)).isEqualTo(pseudonym);
        assertThat(GLOBEX.shaped("Ab-12 x9", null)).isNotEqualTo(pseudonym);
        assertThat(ACME.shaped("Ab-12 x8", null)).isNotEqualTo(pseudonym);
        assertThat(ACME.shaped("", null)).isEmpty();
    }

    @Test
    void anEmailStaysAnEmailWithItsTopLevelDomain() {
        for (String type : new String[] {"EMAIL_ADDRESS", null}) {
            String pseudonym = ACME.shaped("jane.doe42@example.co.uk", type);
            assertThat(pseudonym).matches("[a-z]{4}\\.[a-z]{3}[0-9]{2}@[a-z]{7}\\.[a-z]{2}\\.uk")
                    .doesNotContain("jane", "example");
        }
    }

    @Test
    void aCardNumberKeepsItsBrandLengthAndGroupingAndPassesLuhn() {
        for (String card : new String[] {"4111 1111 1111 1111", "5500-0000-0000-0004", "378282246310005"}) {
            for (String type : new String[] {"CREDIT_CARD", null}) {
                String pseudonym = ACME.shaped(card, type);
                assertThat(pseudonym).hasSameSizeAs(card).startsWith(card.substring(0, 2)).isNotEqualTo(card);
                assertThat(pseudonym.replaceAll("[0-9]", "0")).isEqualTo(card.replaceAll("[0-9]", "0"));
                assertThat(luhnValid(pseudonym.replaceAll("[^0-9]", ""))).isTrue();
            }
        }
    }

    @Test
    void anIbanKeepsItsCountryAndGetsValidCheckDigits() {
        for (String iban : new String[] {"DE89 3704 0044 0532 0130 00", "GB82WEST12345698765432"}) {
            for (String type : new String[] {"IBAN", null}) {
                String pseudonym = ACME.shaped(iban, type);
                assertThat(pseudonym).hasSameSizeAs(iban).startsWith(iban.substring(0, 2)).isNotEqualTo(iban);
                assertThat(pseudonym.replaceAll("[0-9]", "0").replaceAll("[A-Z]", "A"))
                        .isEqualTo(iban.replaceAll("[0-9]", "0").replaceAll("[A-Z]", "A"));
                assertThat(ibanValid(pseudonym)).isTrue();
            }
        }
    }

    @Test
    void anIsoDateStaysARealDateWithinAYear() {
        for (String type : new String[] {"DATE_OF_BIRTH", null}) {
            String pseudonym = ACME.shaped("1990-02-28", type);
            long days = Math.abs(ChronoUnit.DAYS.between(LocalDate.of(1990, 2, 28), LocalDate.parse(pseudonym)));
            assertThat(days).isBetween(1L, 365L);
        }
        assertThat(ACME.shaped("2024-05-01T10:15:00Z", null)).matches("\\d{4}-\\d{2}-\\d{2}T10:15:00Z");
        assertThat(ACME.shaped("1990-02-30", null)).matches("\\d{4}-\\d{2}-\\d{2}");
    }

    @Test
    void numbersThatAreNoCardStayPlainDigits() {
        String pseudonym = ACME.shaped("+49 30 1234567", "PHONE_NUMBER");
        assertThat(pseudonym).matches("\\+[0-9]{2} [0-9]{2} [0-9]{7}");
    }

    private static boolean luhnValid(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += i % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d;
        }
        return sum % 10 == 0;
    }

    private static boolean ibanValid(String iban) {
        String compact = iban.replace(" ", "");
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder number = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            number.append(Character.isLetter(c) ? String.valueOf(c - 'A' + 10) : String.valueOf(c));
        }
        return new BigInteger(number.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }
}
