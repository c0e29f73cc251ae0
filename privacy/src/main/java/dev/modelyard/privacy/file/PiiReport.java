package dev.modelyard.privacy.file;

import dev.modelyard.privacy.detect.Finding;
import dev.modelyard.privacy.policy.AnonymizationPolicy;
import dev.modelyard.privacy.policy.Operator;
import dev.modelyard.privacy.policy.PolicyReference;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What anonymization replaced in a file: counts per kind, per column and kind, rows touched, the
 * columns whose values were all treated as one kind ({@code classifiedColumns}: column to kind), the policy
 * version that decided, and the operator it applied to each kind found ({@code operatorsByType}) and to each
 * column taken whole ({@code operatorsByColumn}), whose values are not counted as findings.
 */
public record PiiReport(long total, Map<String, Long> byType, Map<String, Map<String, Long>> byColumn,
                        long rowsWithPii, Map<String, String> classifiedColumns, PolicyReference policy,
                        Map<String, String> operatorsByType, Map<String, String> operatorsByColumn) {

    /** A report of a file with no classified column, no operators and no policy: what derived files keep. */
    public PiiReport(long total, Map<String, Long> byType, Map<String, Map<String, Long>> byColumn, long rowsWithPii) {
        this(total, byType, byColumn, rowsWithPii, Map.of(), null, Map.of(), Map.of());
    }

    /** Collects a report row by row while a file streams through. */
    static final class Builder {
        private long total;
        /** Counted in hash maps of mutable counts, as every finding of a file passes here; sorted once at the end. */
        private final Map<String, long[]> byType = new HashMap<>();
        private final Map<String, Map<String, long[]>> byColumn = new HashMap<>();
        private final Map<String, String> classifiedColumns = new TreeMap<>();
        private final Map<String, String> operatorsByColumn = new TreeMap<>();
        private long rowsWithPii;
        private boolean rowHasPii;

        void add(String column, List<Finding> found) {
            // Indexed: most values have no findings, and an iterator per value is an allocation per cell.
            for (int i = 0; i < found.size(); i++) {
                add(column, found.get(i).type());
            }
        }

        void add(String column, String type) {
            total++;
            count(byType, type);
            count(byColumn.computeIfAbsent(column, c -> new HashMap<>()), type);
            rowHasPii = true;
        }

        private static void count(Map<String, long[]> counts, String key) {
            long[] count = counts.get(key);
            if (count == null) {
                count = new long[1];
                counts.put(key, count);
            }
            count[0]++;
        }

        private static Map<String, Long> sorted(Map<String, long[]> counts) {
            Map<String, Long> sorted = new TreeMap<>();
            counts.forEach((key, count) -> sorted.put(key, count[0]));
            return sorted;
        }

        void columnOperator(String column, Operator operator) {
            operatorsByColumn.putIfAbsent(column, operator.name());
        }

        void classified(String column, String type) {
            classifiedColumns.put(column, type);
        }

        void endRow() {
            if (rowHasPii) {
                rowsWithPii++;
            }
            rowHasPii = false;
        }

        PiiReport build(AnonymizationPolicy policy) {
            Map<String, String> operatorsByType = new TreeMap<>();
            byType.keySet().forEach(type -> operatorsByType.put(type, policy.forType(type).name()));
            Map<String, Map<String, Long>> columns = new TreeMap<>();
            byColumn.forEach((column, counts) -> columns.put(column, sorted(counts)));
            return new PiiReport(total, sorted(byType), columns, rowsWithPii, classifiedColumns,
                    PolicyReference.of(policy), operatorsByType, operatorsByColumn);
        }
    }
}
