package dev.modelyard.privacy.file;

import dev.modelyard.privacy.pii.PiiType;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What anonymization replaced in a file: counts per kind, per column and kind, and rows touched. */
public record PiiReport(long total, Map<String, Long> byType, Map<String, Map<String, Long>> byColumn,
                        long rowsWithPii) {

    /** Collects a report row by row while a file streams through. */
    static final class Builder {
        private long total;
        private final Map<String, Long> byType = new TreeMap<>();
        private final Map<String, Map<String, Long>> byColumn = new TreeMap<>();
        private long rowsWithPii;
        private boolean rowHasPii;

        void add(String column, List<PiiType> found) {
            for (PiiType type : found) {
                total++;
                byType.merge(type.name(), 1L, Long::sum);
                byColumn.computeIfAbsent(column, c -> new TreeMap<>()).merge(type.name(), 1L, Long::sum);
                rowHasPii = true;
            }
        }

        void endRow() {
            if (rowHasPii) {
                rowsWithPii++;
            }
            rowHasPii = false;
        }

        PiiReport build() {
            return new PiiReport(total, byType, byColumn, rowsWithPii);
        }
    }
}
