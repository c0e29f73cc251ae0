package dev.modelyard.training.job;

import java.util.List;

/**
 * The job's say in which data columns the trainer uses: {@code categoricalColumns} null lets the trainer's rule
 * pick the categorical ones (low-cardinality text), a list names exactly them; {@code excludedColumns} are never
 * used (identifiers, free text). Passed to the trainer as {@code categorical_columns} and {@code excluded_columns}.
 */
public record ColumnChoice(List<String> categoricalColumns, List<String> excludedColumns) {

    static final ColumnChoice TRAINER_RULE = new ColumnChoice(null, List.of());
}
