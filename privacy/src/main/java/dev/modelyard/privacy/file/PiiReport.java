package dev.modelyard.privacy.file;

import dev.modelyard.privacy.detect.Finding;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What anonymization replaced in a file: counts per kind, per column and kind, rows touched, and the
 * columns whose values were all treated as one kind ({@code classifiedColumns}: column to kind).
 */
public record PiiReport(long total, Map<String, Long> byType, Map<String, Map<String, Long>> byColumn,
                        long rowsWithPii, Map<String, String> classifiedColumns) {

    /** A report of a file with no classified column. */
    public PiiReport(long total, Map<String, Long> byType, Map<String, Map<String, Long>> byColumn, long rowsWithPii) {
        this(total, byType, byColumn, rowsWithPii, Map.of());
    }

    /** Collects a report row by row while a file streams through. */
    static final class Builder {
        private long total;
        private final Map<String, Long> byType = new TreeMap<>();
        private final Map<String, Map<String, Long>> byColumn = new TreeMap<>();
        private final Map<String, String> classifiedColumns = new TreeMap<>();
        private long rowsWithPii;
        private boolean rowHasPii;

        void add(String column, List<Finding> found) {
            for (Finding finding : found) {
                add(column, finding.type());
            }
        }

        void add(String column, String type) {
            total++;
            byType.merge(type, 1L, Long::sum);
            byColumn.computeIfAbsent(column, c -> new TreeMap<>()).merge(type, 1L, Long::sum);
            rowHasPii = true;
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

        PiiReport build() {
            return new PiiReport(total, byType, byColumn, rowsWithPii, classifiedColumns);
        }
    }
}
