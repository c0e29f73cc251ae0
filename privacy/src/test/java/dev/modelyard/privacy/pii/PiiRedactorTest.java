package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiRedactorTest {

    private final PiiRedactor redactor = new PiiRedactor();

    @Test
    void replacesEachValueWithItsPlaceholderAndCountsIt() {
        PiiRedactor.Redaction redaction = redactor.redact(
                "mail bob@example.org from 10.0.0.1, card 4111-1111-1111-1111, ssn 123-45-6789, tel +44 20 7946 0958");
        assertThat(redaction.text()).isEqualTo(
                "mail <EMAIL_ADDRESS> from <IP_ADDRESS>, card <CREDIT_CARD>, ssn <US_SSN>, tel <PHONE_NUMBER>");
        assertThat(redaction.found()).containsExactlyInAnyOrder(PiiType.EMAIL_ADDRESS, PiiType.IP_ADDRESS,
                PiiType.CREDIT_CARD, PiiType.US_SSN, PiiType.PHONE_NUMBER);
    }

    @Test
    void leavesCleanTextUntouched() {
        PiiRedactor.Redaction redaction = redactor.redact("the model scored 0.93 on 2024-05-01");
        assertThat(redaction.text()).isEqualTo("the model scored 0.93 on 2024-05-01");
        assertThat(redaction.found()).isEmpty();
    }
}
