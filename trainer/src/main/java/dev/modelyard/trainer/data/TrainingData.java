package dev.modelyard.trainer.data;

import dev.modelyard.trainer.model.CategoricalColumn;
import java.util.List;

/**
 * The examples to train and validate on, with what the columns turned out to be.
 *
 * @param featureNames       the numeric columns used as features, in file order
 * @param categoricalColumns the text columns one-hot encoded, in file order, with their vocabularies
 * @param classLabels        the label column's distinct values, sorted (numerically when they all are numbers)
 * @param ignoredColumns     the columns not used: excluded, or neither all numbers nor categorical
 */
public record TrainingData(
        List<String> featureNames,
        List<CategoricalColumn> categoricalColumns,
        List<String> classLabels,
        List<String> ignoredColumns,
        Dataset train,
        Dataset valid) {
}
