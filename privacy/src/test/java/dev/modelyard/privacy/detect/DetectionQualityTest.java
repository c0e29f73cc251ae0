package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.pii.PiiType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precision and recall per type over the generated corpus, over corpora of several seeds. Prints the tables so
 * they can be compared across changes.
 */
class DetectionQualityTest {

    private final DetectionEngine engine = new DetectionEngine(DetectionSettings.defaults());

    @ParameterizedTest(name = "corpus seed {0}")
    @ValueSource(longs = {20_240_501L, 1, 7, 99})
    void structuredTypesReachTheRecallAndPrecisionBar(long seed) {
        Map<String, DetectionQuality.Score> scores = DetectionQuality.measure(engine,
                new LabelledCorpus(seed).samples(15_000));
        System.out.println("corpus seed " + seed + "\n" + DetectionQuality.table(scores));
        DetectionQuality.structured(scores).forEach((type, score) -> {
            assertThat(score.gold()).as("gold spans of %s", type).isPositive();
            assertThat(score.recall()).as("recall of %s", type).isGreaterThanOrEqualTo(DetectionQuality.RECALL_TARGET);
            assertThat(score.precision()).as("precision of %s", type)
                    .isGreaterThanOrEqualTo(DetectionQuality.PRECISION_TARGET);
        });
    }

    @Test
    void aMissedValueLowersRecallAndAWrongFindingLowersPrecision() {
        String text = "write to ana@example.com or call 555-0100";
        int email = text.indexOf("ana@");
        int phone = text.indexOf("555");
        LabelledCorpus.Sample sample = new LabelledCorpus.Sample("notes", text, List.of(
                new LabelledCorpus.Span("EMAIL_ADDRESS", email, email + "ana@example.com".length()),
                new LabelledCorpus.Span("CREDIT_CARD", phone, text.length())));

        Map<String, DetectionQuality.Score> scores = DetectionQuality.measure(engine, List.of(sample));

        assertThat(scores.get("EMAIL_ADDRESS")).isEqualTo(new DetectionQuality.Score(1, 1, 1, 1));
        assertThat(scores.get("CREDIT_CARD").recall()).isZero();
        assertThat(DetectionQuality.table(scores)).contains("EMAIL_ADDRESS").contains("met").contains("missed");
    }

    @Test
    void aStructuredTypeWithoutFindingsOrGoldIsListedWithEmptyCounts() {
        Map<PiiType, DetectionQuality.Score> structured = DetectionQuality.structured(Map.of());

        assertThat(structured).containsOnlyKeys(DetectionQuality.STRUCTURED);
        assertThat(structured.get(PiiType.IBAN)).isEqualTo(new DetectionQuality.Score(0, 0, 0, 0));
    }
}
