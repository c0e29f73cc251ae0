package dev.modelyard.trainer.training;

import dev.modelyard.trainer.model.Network;

/** Mean cross-entropy, accuracy and macro-F1 of a network on standardised examples. */
record Evaluation(double loss, double accuracy, double macroF1) {

    static Evaluation of(Network network, double[][] standardized, int[] labels) {
        long[][] confusion = new long[network.classes()][network.classes()];
        double loss = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] probabilities = network.probabilities(standardized[i]);
            loss -= Math.log(Math.max(probabilities[labels[i]], Double.MIN_NORMAL));
            int predicted = 0;
            for (int k = 1; k < probabilities.length; k++) {
                if (probabilities[k] > probabilities[predicted]) {
                    predicted = k;
                }
            }
            confusion[labels[i]][predicted]++;
        }
        long correct = 0;
        for (int k = 0; k < confusion.length; k++) {
            correct += confusion[k][k];
        }
        return new Evaluation(loss / labels.length, (double) correct / labels.length, macroF1(confusion));
    }

    /**
     * The unweighted mean over classes of F1 = 2·TP / (2·TP + FP + FN), from {@code confusion[actual][predicted]}.
     * A class that is neither present nor predicted has no F1 and is left out of the mean: it says nothing about
     * the model, and counting it as 0 would punish a validation set for lacking a rare class.
     */
    static double macroF1(long[][] confusion) {
        double sum = 0;
        int counted = 0;
        for (int k = 0; k < confusion.length; k++) {
            long truePositives = confusion[k][k];
            // Row k less the diagonal: missed; column k less the diagonal: wrongly claimed.
            long falseNegatives = -truePositives;
            long falsePositives = -truePositives;
            for (int other = 0; other < confusion.length; other++) {
                falseNegatives += confusion[k][other];
                falsePositives += confusion[other][k];
            }
            long denominator = 2 * truePositives + falsePositives + falseNegatives;
            if (denominator > 0) {
                sum += 2.0 * truePositives / denominator;
                counted++;
            }
        }
        return counted == 0 ? 0 : sum / counted;
    }
}
