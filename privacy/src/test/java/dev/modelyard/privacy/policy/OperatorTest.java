package dev.modelyard.privacy.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.pii.Pseudonymizer;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class OperatorTest {

    private static final Pseudonymizer ACME = Pseudonymizer.forTenant("secret", "acme");

    @Test
    void redactRemovesAndReplaceUsesTheTypeOrALiteral() {
        assertThat(new Operator.Redact().apply("a@example.com", "EMAIL_ADDRESS", ACME)).isEmpty();
        assertThat(Operator.Replace.PLACEHOLDER.apply("a@example.com", "EMAIL_ADDRESS", ACME)).isEqualTo("<EMAIL_ADDRESS>");
        assertThat(Operator.Replace.PLACEHOLDER.apply("Alice", null, ACME)).isEqualTo("<REDACTED>");
        assertThat(new Operator.Replace("[email]").apply("a@example.com", "EMAIL_ADDRESS", ACME)).isEqualTo("[email]");
    }

    @Test
    void maskCountsLettersAndDigitsFromEitherEndAndKeepsSeparators() {
        assertThat(new Operator.Mask(4, true, '#').apply("4111 1111 1111 1234", "CREDIT_CARD", ACME))
                .isEqualTo("4111 1111 1111 ####");
        assertThat(new Operator.Mask(12, false, '*').apply("4111 1111 1111 1234", "CREDIT_CARD", ACME))
                .isEqualTo("**** **** **** 1234");
        assertThat(new Operator.Mask(null, false, 'x').apply("ab-12", null, ACME)).isEqualTo("xx-xx");
        assertThat(new Operator.Mask(10, true, '*').apply("ab", null, ACME)).isEqualTo("**");
    }

    @Test
    void pseudonymizeIsTheTenantsKeyedPseudonym() {
        assertThat(new Operator.Pseudonymize().apply("u-1", null, ACME)).isEqualTo(ACME.pseudonym("u-1"))
                .matches("pid_[0-9a-f]{16}");
    }

    @Test
    void generalizeBinsNumbersTruncatesDatesAndKeepsPrefixes() {
        Operator tens = new Operator.Generalize(BigDecimal.TEN, null, null);
        assertThat(tens.apply("37", null, ACME)).isEqualTo("[30, 40)");
        assertThat(tens.apply("-3.5", null, ACME)).isEqualTo("[-10, 0)");
        assertThat(tens.apply("forty", null, ACME)).isEmpty();
        assertThat(new Operator.Generalize(new BigDecimal("0.5"), null, null).apply("1.7", null, ACME))
                .isEqualTo("[1.5, 2)");

        Operator month = new Operator.Generalize(null, Operator.Generalize.DatePrecision.MONTH, null);
        Operator year = new Operator.Generalize(null, Operator.Generalize.DatePrecision.YEAR, null);
        assertThat(month.apply("1990-05-17", "DATE_OF_BIRTH", ACME)).isEqualTo("1990-05");
        assertThat(year.apply("1990-05-17T10:00:00Z", null, ACME)).isEqualTo("1990");
        assertThat(year.apply("17/05/1990", null, ACME)).isEmpty();
        assertThat(year.apply("1990-13-01", null, ACME)).isEmpty();

        Operator prefix = new Operator.Generalize(null, null, 3);
        assertThat(prefix.apply("10115", "POSTAL_CODE", ACME)).isEqualTo("101**");
        assertThat(prefix.apply("SW1A 1AA", null, ACME)).isEqualTo("SW1* ***");
        assertThat(prefix.apply("", null, ACME)).isEmpty();
    }

    @Test
    void suppressDropsTheWholeValueAndKeepKeepsIt() {
        assertThat(new Operator.Suppress().apply("secret", null, ACME)).isNull();
        assertThat(new Operator.Keep().apply("10115", null, ACME)).isEqualTo("10115");
    }
}
