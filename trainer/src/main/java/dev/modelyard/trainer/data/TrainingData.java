package dev.modelyard.trainer.data;

import java.util.List;

/**
 * The examples to train and validate on, with what the columns turned out to be.
 *
 * @param featureNames   the numeric columns used as features, in file order
 * @param classLabels    the label column's distinct values, sorted (numerically when they all are numbers)
 * @param ignoredColumns the columns that were not all numbers and therefore not used
 */
public record TrainingData(
        List<String> featureNames,
        List<String> classLabels,
        List<String> ignoredColumns,
        Dataset train,
        Dataset valid) {
}
