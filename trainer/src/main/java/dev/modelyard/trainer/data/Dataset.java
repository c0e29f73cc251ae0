package dev.modelyard.trainer.data;

/**
 * Examples: one row of raw (unstandardised) numeric feature values, one row of raw categorical values and the
 * class index of each.
 *
 * @param categories one value per categorical column of {@link TrainingData}; null where the row has none
 * @param labels     indexes into the class labels of {@link TrainingData}
 */
public record Dataset(double[][] features, String[][] categories, int[] labels) {

    /** Examples with numeric features only. */
    public Dataset(double[][] features, int[] labels) {
        this(features, new String[labels.length][0], labels);
    }

    public int size() {
        return labels.length;
    }
}
