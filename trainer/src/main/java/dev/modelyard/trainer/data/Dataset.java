package dev.modelyard.trainer.data;

/**
 * Numeric examples: one row of raw (unstandardised) feature values per example and its class index.
 *
 * @param labels indexes into the class labels of {@link TrainingData}
 */
public record Dataset(double[][] features, int[] labels) {
    public int size() {
        return labels.length;
    }
}
