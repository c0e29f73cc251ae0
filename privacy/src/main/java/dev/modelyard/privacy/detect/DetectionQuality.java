package dev.modelyard.privacy.detect;

import dev.modelyard.privacy.pii.PiiType;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Precision and recall per type of a detection engine over labelled samples, span by span: a gold span is found
 * when a finding of its type overlaps it, and a finding is correct when it overlaps a gold span of its type. The
 * quality test holds the engine to the targets below and the detection benchmark prints the same table.
 */
public final class DetectionQuality {

    /** Types whose values carry their own proof (a checksum, a prefix, a strict shape), held to the high bar. */
    public static final Set<PiiType> STRUCTURED = Collections.unmodifiableSet(EnumSet.of(PiiType.EMAIL_ADDRESS,
            PiiType.PHONE_NUMBER, PiiType.CREDIT_CARD, PiiType.IBAN, PiiType.IP_ADDRESS, PiiType.MAC_ADDRESS,
            PiiType.US_SSN, PiiType.URL_CREDENTIALS, PiiType.SECRET));
    public static final double RECALL_TARGET = 0.99;
    public static final double PRECISION_TARGET = 0.95;

    /** One type's counts: gold spans, those found, findings, and those that were right. */
    public record Score(int gold, int found, int predicted, int correct) {

        /** Share of gold spans found; 1 when there were none to find. */
        public double recall() {
            return gold == 0 ? 1 : (double) found / gold;
        }

        /** Share of findings that were right; 1 when nothing was predicted. */
        public double precision() {
            return predicted == 0 ? 1 : (double) correct / predicted;
        }

        public boolean meetsTargets() {
            return recall() >= RECALL_TARGET && precision() >= PRECISION_TARGET;
        }

        Score plus(Score other) {
            return new Score(gold + other.gold, found + other.found, predicted + other.predicted,
                    correct + other.correct);
        }
    }

    private DetectionQuality() {
    }

    /** The scores by type name, in name order, of {@code engine} over {@code samples}. */
    public static Map<String, Score> measure(DetectionEngine engine, List<LabelledCorpus.Sample> samples) {
        Map<String, Score> scores = new TreeMap<>();
        for (LabelledCorpus.Sample sample : samples) {
            List<Finding> predicted = engine.detect(sample.text(), sample.field());
            for (LabelledCorpus.Span gold : sample.gold()) {
                boolean found = predicted.stream()
                        .anyMatch(finding -> finding.type().equals(gold.type()) && finding.overlaps(gold.start(), gold.end()));
                scores.merge(gold.type(), new Score(1, found ? 1 : 0, 0, 0), Score::plus);
            }
            for (Finding finding : predicted) {
                boolean correct = sample.gold().stream()
                        .anyMatch(gold -> gold.type().equals(finding.type()) && finding.overlaps(gold.start(), gold.end()));
                scores.merge(finding.type(), new Score(0, 0, 1, correct ? 1 : 0), Score::plus);
            }
        }
        return scores;
    }

    /** The scores of the structured types, which must all meet the targets. */
    public static Map<PiiType, Score> structured(Map<String, Score> scores) {
        Map<PiiType, Score> structured = new TreeMap<>();
        for (PiiType type : STRUCTURED) {
            structured.put(type, scores.getOrDefault(type.name(), new Score(0, 0, 0, 0)));
        }
        return structured;
    }

    /** A plain-text table: one line per type with its counts, precision and recall, and whether the bar applies. */
    public static String table(Map<String, Score> scores) {
        StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-16s %7s %9s %10s %8s  %s%n",
                "type", "gold", "predicted", "precision", "recall", "targets"));
        scores.forEach((type, score) -> table.append(String.format(Locale.ROOT, "%-16s %7d %9d %10.4f %8.4f  %s%n",
                type, score.gold(), score.predicted(), score.precision(), score.recall(), verdict(type, score))));
        return table.toString();
    }

    private static String verdict(String type, Score score) {
        boolean held = STRUCTURED.stream().anyMatch(structured -> structured.name().equals(type));
        if (!held) {
            return "-";
        }
        return score.meetsTargets() ? "met" : "missed";
    }
}
