package dev.modelyard.trainer.data;

import java.util.List;

/**
 * A file's rows as text, before any column is interpreted: what CSV and JSON Lines have in common.
 *
 * @param source  the file's name, for messages
 * @param columns the column names in file order
 */
record Table(String source, List<String> columns, List<Row> rows) {

    /**
     * @param line   where the row starts in the file (1-based), for messages
     * @param values one per column; null where the row has no value
     */
    record Row(long line, String[] values) {
    }

    int columnIndex(String name) {
        return columns.indexOf(name);
    }
}
