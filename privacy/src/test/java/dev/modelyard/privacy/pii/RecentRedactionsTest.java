package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.detect.Finding;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentRedactionsTest {

    private final PiiRedactor redactor = new PiiRedactor();
    private final Pseudonymizer pseudonymizer = Pseudonymizer.forTenant("secret", "acme");
    private final AtomicInteger replaced = new AtomicInteger();
    private final PiiRedactor.Replacement replacement = (text, finding) -> {
        replaced.incrementAndGet();
        return pseudonymizer.pseudonym(text.substring(finding.start(), finding.end()));
    };

    @Test
    void answersEveryValueAsTheRedactorDoesAndScansARepeatOnlyOnce() {
        RecentRedactions recent = new RecentRedactions(redactor, "contact", replacement);
        List<String> values = List.of("in store", "bob@example.org", "web form", "call +44 20 7946 0958", "");
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 3 * RecentValues.TRIAL; i++) {
            String value = new String(values.get(random.nextInt(values.size())).toCharArray());
            PiiRedactor.Redaction expected = redactor.redact(value, "contact", replacement);
            assertThat(recent.redact(value)).as(value).isEqualTo(expected);
        }
        replaced.set(0);
        recent.redact(new String("bob@example.org".toCharArray()));
        assertThat(replaced).as("a repeat is not replaced again").hasValue(0);
        assertThat(recent.givenUp()).isFalse();
    }

    @Test
    void givesUpOnAColumnWhoseValuesRarelyRepeatAndStillAnswersAsTheRedactorDoes() {
        RecentRedactions recent = new RecentRedactions(redactor, "amount", replacement);
        for (int i = 0; i < RecentValues.TRIAL + 1; i++) {
            String value = i + ".50";
            assertThat(recent.redact(value)).isEqualTo(redactor.redact(value, "amount", replacement));
        }
        assertThat(recent.givenUp()).isTrue();
        String card = "card 4111 1111 1111 1111";
        assertThat(recent.redact(card).findings()).extracting(Finding::type).containsExactly("CREDIT_CARD");
    }

    @Test
    void aValueThatTakesAnotherOnesSlotIsAnsweredForItself() {
        RecentRedactions recent = new RecentRedactions(redactor, "contact", replacement);
        // "Aa" and "BB" share a hash code, so they share a slot.
        assertThat(recent.redact("Aa").text()).isEqualTo("Aa");
        assertThat(recent.redact("BB").text()).isEqualTo("BB");
        assertThat(recent.redact("Aa").text()).isEqualTo("Aa");
    }
}
