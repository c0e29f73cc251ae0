package dev.modelyard.privacy.kanon;

/**
 * Re-identification risk under the prosecutor model: an attacker who knows a person is in the table and knows
 * their quasi-identifiers picks one record of that person's equivalence class, so each record's risk is
 * 1 / the size of its class.
 *
 * @param highest       the largest risk of any record
 * @param average       the mean risk over all records
 * @param recordsAtRisk the share of records whose risk is above the threshold
 */
public record Risk(double highest, double average, double recordsAtRisk) {

    /** The risk of a table whose equivalence classes have these sizes; a table without records has none. */
    public static Risk of(int[] classSizes, double threshold) {
        long records = 0;
        long atRisk = 0;
        int smallest = Integer.MAX_VALUE;
        int classes = 0;
        for (int size : classSizes) {
            if (size == 0) {
                continue;
            }
            classes++;
            records += size;
            smallest = Math.min(smallest, size);
            if (1.0 / size > threshold) {
                atRisk += size;
            }
        }
        if (records == 0) {
            return new Risk(0, 0, 0);
        }
        return new Risk(1.0 / smallest, (double) classes / records, (double) atRisk / records);
    }
}
