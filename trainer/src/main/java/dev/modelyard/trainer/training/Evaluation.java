package dev.modelyard.trainer.training;

import dev.modelyard.trainer.model.Network;

/** Mean cross-entropy and accuracy of a network on standardised examples. */
record Evaluation(double loss, double accuracy) {

    static Evaluation of(Network network, double[][] standardized, int[] labels) {
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] probabilities = network.probabilities(standardized[i]);
            loss -= Math.log(Math.max(probabilities[labels[i]], Double.MIN_NORMAL));
            int predicted = 0;
            for (int k = 1; k < probabilities.length; k++) {
                if (probabilities[k] > probabilities[predicted]) {
                    predicted = k;
                }
            }
            if (predicted == labels[i]) {
                correct++;
            }
        }
        return new Evaluation(loss / labels.length, (double) correct / labels.length);
    }
}
