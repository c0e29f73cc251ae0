package dev.modelyard.trainer.model;

import dev.modelyard.trainer.data.Dataset;
import java.util.List;

/**
 * A trained model as exported: raw numeric features are standardised, categorical values one-hot encoded after
 * them, and the result fed through the network.
 *
 * @param featureNames       the numeric columns, in the order of the {@code features} input
 * @param categoricalColumns the categorical columns, in the order of the {@code categories} input
 */
public record Classifier(List<String> featureNames, List<CategoricalColumn> categoricalColumns, List<String> classLabels,
                         Standardizer standardizer, Network network) {

    public Classifier {
        if (network.features() != inputWidth(featureNames, categoricalColumns) || network.classes() != classLabels.size()) {
            throw new IllegalArgumentException("a network of %d inputs and %d classes does not fit %d features, %s and classes %s"
                    .formatted(network.features(), network.classes(), featureNames.size(), categoricalColumns, classLabels));
        }
    }

    /** How many inputs the network needs for these columns: one per numeric feature, one per known category. */
    public static int inputWidth(List<String> featureNames, List<CategoricalColumn> categoricalColumns) {
        return featureNames.size() + categoricalColumns.stream().mapToInt(CategoricalColumn::width).sum();
    }

    /** The network's input for one example: standardised features, then each categorical column's one-hot code. */
    public double[] input(double[] rawFeatures, String[] categories) {
        double[] input = new double[network.features()];
        double[] standardized = standardizer.apply(rawFeatures);
        System.arraycopy(standardized, 0, input, 0, standardized.length);
        int offset = standardized.length;
        for (int c = 0; c < categoricalColumns.size(); c++) {
            CategoricalColumn column = categoricalColumns.get(c);
            column.encode(categories[c], input, offset);
            offset += column.width();
        }
        return input;
    }

    /** The network's inputs for every example of {@code data}. */
    public double[][] inputs(Dataset data) {
        double[][] inputs = new double[data.size()][];
        for (int r = 0; r < inputs.length; r++) {
            inputs[r] = input(data.features()[r], data.categories()[r]);
        }
        return inputs;
    }

    /** Class probabilities for one example of raw values, in the order of {@link #classLabels()}. */
    public double[] probabilities(double[] rawFeatures, String[] categories) {
        return network.probabilities(input(rawFeatures, categories));
    }
}
