package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.detect.Finding;
import org.junit.jupiter.api.Test;

class PiiRedactorTest {

    private final PiiRedactor redactor = new PiiRedactor();

    @Test
    void replacesEachValueWithItsPlaceholderAndCountsIt() {
        PiiRedactor.Redaction redaction = redactor.redact(
                "mail bob@example.org from 10.0.0.1, card 4111-1111-1111-1111, ssn 123-45-6789, tel +44 20 7946 0958");
        assertThat(redaction.text()).isEqualTo(
                "mail <EMAIL_ADDRESS> from <IP_ADDRESS>, card <CREDIT_CARD>, ssn <US_SSN>, tel <PHONE_NUMBER>");
        assertThat(redaction.findings()).extracting(Finding::type).containsExactly("EMAIL_ADDRESS", "IP_ADDRESS",
                "CREDIT_CARD", "US_SSN", "PHONE_NUMBER");
    }

    @Test
    void leavesCleanTextUntouched() {
        PiiRedactor.Redaction redaction = redactor.redact("the model scored 0.93 on 2024-05-01");
        assertThat(redaction.text()).isEqualTo("the model scored 0.93 on 2024-05-01");
        assertThat(redaction.findings()).isEmpty();
    }

    @Test
    void tellsWhetherOneFindingIsTheWholeValue() {
        assertThat(redactor.redact(" bob@example.org ").wholeValueType(" bob@example.org ")).isEqualTo("EMAIL_ADDRESS");
        assertThat(redactor.redact("mail bob@example.org").wholeValueType("mail bob@example.org")).isNull();
    }
}
