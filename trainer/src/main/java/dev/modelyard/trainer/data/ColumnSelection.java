package dev.modelyard.trainer.data;

import java.util.List;

/**
 * What the spec says about the columns beyond the label: which are categorical and which must not be used.
 *
 * @param categorical null: text columns are categorical by the automatic rule ({@link TrainingDataLoader});
 *                    otherwise exactly these columns are, numbers or not, and other text columns are ignored
 * @param excluded    columns never used, whatever their values (identifiers, pseudonyms)
 */
public record ColumnSelection(List<String> categorical, List<String> excluded) {
    public static final ColumnSelection AUTOMATIC = new ColumnSelection(null, List.of());
}
