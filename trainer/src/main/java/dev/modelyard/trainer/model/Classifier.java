package dev.modelyard.trainer.model;

import java.util.List;

/** A trained model as exported: raw features are standardised, then fed through the network. */
public record Classifier(List<String> featureNames, List<String> classLabels, Standardizer standardizer, Network network) {

    /** Class probabilities for one example of raw feature values, in the order of {@link #classLabels()}. */
    public double[] probabilities(double[] rawFeatures) {
        return network.probabilities(standardizer.apply(rawFeatures));
    }
}
