package dev.modelyard.privacy.detect;

import java.util.HashMap;
import java.util.Map;

/**
 * Learns a table column's type from its first values: once one type is carried whole by the required
 * share of the first {@code sampleSize} non-empty values, the column is that type and every later value is
 * treated as such, even one that would score below the threshold on its own. The type is settled as soon
 * as the outcome is certain, so a clear column stops costing detection early.
 */
public final class ColumnClassifier {

    private final int sampleSize;
    private final int required;
    private final Map<String, Integer> votes = new HashMap<>();
    private int seen;
    private String type;

    public ColumnClassifier(int sampleSize, double majority) {
        this.sampleSize = sampleSize;
        this.required = (int) Math.ceil(sampleSize * majority);
    }

    public static ColumnClassifier of(DetectionSettings settings) {
        return new ColumnClassifier(settings.columnSampleSize(), settings.columnMajority());
    }

    /** Whether values still teach something: no type is settled and the sample is not exhausted. */
    public boolean isLearning() {
        return type == null && seen < sampleSize;
    }

    /**
     * Counts one non-empty value.
     *
     * @param wholeValueType the type of a finding that spans the whole value, or null for free text or nothing
     */
    public void observe(String wholeValueType) {
        if (!isLearning()) {
            return;
        }
        seen++;
        if (wholeValueType != null && votes.merge(wholeValueType, 1, Integer::sum) >= required) {
            type = wholeValueType;
        }
    }

    /** The column's type, or null while learning or when no type holds the majority. */
    public String type() {
        return type;
    }
}
