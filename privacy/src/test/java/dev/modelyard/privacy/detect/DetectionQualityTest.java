package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.pii.PiiType;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Precision and recall per type over the generated corpus, span by span: a predicted span counts when it
 * overlaps a gold span of the same type, over corpora of several seeds. Prints the tables so they can be
 * compared across changes.
 */
class DetectionQualityTest {

    /** Types whose values carry their own proof (a checksum, a prefix, a strict shape), held to the high bar. */
    private static final Set<PiiType> STRUCTURED = EnumSet.of(PiiType.EMAIL_ADDRESS, PiiType.PHONE_NUMBER,
            PiiType.CREDIT_CARD, PiiType.IBAN, PiiType.IP_ADDRESS, PiiType.MAC_ADDRESS, PiiType.US_SSN,
            PiiType.URL_CREDENTIALS, PiiType.SECRET);

    private final DetectionEngine engine = new DetectionEngine(DetectionSettings.defaults());

    @ParameterizedTest(name = "corpus seed {0}")
    @ValueSource(longs = {20_240_501L, 1, 7, 99})
    void structuredTypesReachTheRecallAndPrecisionBar(long seed) {
        Map<String, Counts> counts = new TreeMap<>();
        for (LabelledCorpus.Sample sample : new LabelledCorpus(seed).samples(15_000)) {
            List<Finding> predicted = engine.detect(sample.text(), sample.field());
            for (LabelledCorpus.Span gold : sample.gold()) {
                Counts type = counts.computeIfAbsent(gold.type(), t -> new Counts());
                type.gold++;
                if (predicted.stream().anyMatch(p -> p.type().equals(gold.type()) && p.overlaps(gold.start(), gold.end()))) {
                    type.found++;
                }
            }
            for (Finding finding : predicted) {
                Counts type = counts.computeIfAbsent(finding.type(), t -> new Counts());
                type.predicted++;
                if (sample.gold().stream().anyMatch(g -> g.type().equals(finding.type())
                        && finding.overlaps(g.start(), g.end()))) {
                    type.correct++;
                }
            }
        }
        System.out.println("corpus seed " + seed + "\n" + table(counts));
        for (PiiType type : STRUCTURED) {
            Counts measured = counts.get(type.name());
            assertThat(measured.recall()).as("recall of %s", type).isGreaterThanOrEqualTo(0.99);
            assertThat(measured.precision()).as("precision of %s", type).isGreaterThanOrEqualTo(0.95);
        }
    }

    private static String table(Map<String, Counts> counts) {
        StringBuilder table = new StringBuilder(String.format("%-16s %6s %9s %10s %7s%n", "type", "gold", "predicted",
                "precision", "recall"));
        counts.forEach((type, c) -> table.append(String.format("%-16s %6d %9d %10.4f %7.4f%n",
                type, c.gold, c.predicted, c.precision(), c.recall())));
        return table.toString();
    }

    private static final class Counts {
        int gold;
        int found;
        int predicted;
        int correct;

        double recall() {
            return gold == 0 ? 1 : (double) found / gold;
        }

        double precision() {
            return predicted == 0 ? 1 : (double) correct / predicted;
        }
    }
}
