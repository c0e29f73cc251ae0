package dev.modelyard.trainer.model;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A feed-forward classifier on standardised features: dense layers with ReLU between them and a softmax over the
 * classes at the end, trained with softmax cross-entropy. No hidden layer makes it a (multinomial) logistic
 * regression. All parameters live in one flat array so that optimisers, clipping and noise treat them alike.
 */
public final class Network {
    /** Widths from the input to the output: features, hidden layers…, classes. */
    private final int[] widths;
    private final double[] parameters;
    /** Where layer l's weights (row-major [out][in]) and then its biases [out] start in {@link #parameters}. */
    private final int[] layerOffsets;

    private Network(int[] widths, double[] parameters) {
        this.widths = widths.clone();
        this.layerOffsets = new int[widths.length - 1];
        int offset = 0;
        for (int layer = 0; layer < layerOffsets.length; layer++) {
            layerOffsets[layer] = offset;
            offset += widths[layer + 1] * (widths[layer] + 1);
        }
        if (parameters.length != offset) {
            throw new IllegalArgumentException("expected " + offset + " parameters for widths " + Arrays.toString(widths));
        }
        this.parameters = parameters;
    }

    /**
     * Fresh weights: He initialisation (variance 2/fan-in) before a ReLU, variance 1/fan-in for the output layer
     * so that the first softmax is near uniform; biases zero.
     */
    public static Network initialized(int features, List<Integer> hiddenLayers, int classes, SplittableRandom random) {
        int[] widths = new int[hiddenLayers.size() + 2];
        widths[0] = features;
        for (int i = 0; i < hiddenLayers.size(); i++) {
            widths[i + 1] = hiddenLayers.get(i);
        }
        widths[widths.length - 1] = classes;
        Network network = new Network(widths, new double[parameterCount(widths)]);
        for (int layer = 0; layer < widths.length - 1; layer++) {
            boolean beforeRelu = layer < widths.length - 2;
            double std = Math.sqrt((beforeRelu ? 2.0 : 1.0) / widths[layer]);
            int weights = widths[layer] * widths[layer + 1];
            for (int w = 0; w < weights; w++) {
                network.parameters[network.layerOffsets[layer] + w] = random.nextGaussian() * std;
            }
        }
        return network;
    }

    /** A network with given weights per layer: {@code weights[l]} is [out][in], {@code biases[l]} is [out]. */
    public static Network of(double[][][] weights, double[][] biases) {
        int[] widths = new int[weights.length + 1];
        widths[0] = weights[0][0].length;
        for (int layer = 0; layer < weights.length; layer++) {
            widths[layer + 1] = weights[layer].length;
        }
        Network network = new Network(widths, new double[parameterCount(widths)]);
        for (int layer = 0; layer < weights.length; layer++) {
            int offset = network.layerOffsets[layer];
            int in = widths[layer];
            for (int out = 0; out < widths[layer + 1]; out++) {
                if (weights[layer][out].length != in) {
                    throw new IllegalArgumentException("layer " + layer + " has rows of different widths");
                }
                System.arraycopy(weights[layer][out], 0, network.parameters, offset + out * in, in);
                network.parameters[offset + widths[layer + 1] * in + out] = biases[layer][out];
            }
        }
        return network;
    }

    private static int parameterCount(int[] widths) {
        int count = 0;
        for (int layer = 0; layer < widths.length - 1; layer++) {
            count += widths[layer + 1] * (widths[layer] + 1);
        }
        return count;
    }

    public int features() {
        return widths[0];
    }

    public int classes() {
        return widths[widths.length - 1];
    }

    public int layers() {
        return widths.length - 1;
    }

    public List<Integer> hiddenLayers() {
        return Arrays.stream(widths, 1, widths.length - 1).boxed().toList();
    }

    /**
     * Where layer {@code layer}'s parameters start in {@link #parameters()}; layers are stored input side first, so
     * the parameters of the layers below it are exactly those before this index.
     */
    public int firstParameterOf(int layer) {
        return layerOffsets[layer];
    }

    /** The live parameters, updated in place by the optimiser. */
    public double[] parameters() {
        return parameters;
    }

    /** A copy of layer {@code layer}'s weights, [out][in]. */
    public double[][] weights(int layer) {
        int in = widths[layer];
        double[][] weights = new double[widths[layer + 1]][];
        for (int out = 0; out < weights.length; out++) {
            int start = layerOffsets[layer] + out * in;
            weights[out] = Arrays.copyOfRange(parameters, start, start + in);
        }
        return weights;
    }

    /** A copy of layer {@code layer}'s biases. */
    public double[] biases(int layer) {
        int start = layerOffsets[layer] + widths[layer + 1] * widths[layer];
        return Arrays.copyOfRange(parameters, start, start + widths[layer + 1]);
    }

    /** Class probabilities for one standardised example. */
    public double[] probabilities(double[] input) {
        double[][] activations = forward(input);
        return softmax(activations[activations.length - 1]);
    }

    /**
     * Cross-entropy loss −log p(label) of one standardised example, with its gradient with respect to every
     * parameter written into {@code gradient} (overwritten, same layout as {@link #parameters()}).
     */
    public double lossAndGradient(double[] input, int label, double[] gradient) {
        return lossAndGradient(input, label, gradient, 0);
    }

    /**
     * As {@link #lossAndGradient(double[], int, double[])} with the lowest {@code frozenLayers} layers held fixed:
     * their gradient is zero, and back-propagation stops above them since nothing below would use it.
     */
    public double lossAndGradient(double[] input, int label, double[] gradient, int frozenLayers) {
        double[][] activations = forward(input);
        double[] logits = activations[activations.length - 1];
        double[] probabilities = softmax(logits);
        double loss = -Math.log(Math.max(probabilities[label], Double.MIN_NORMAL));
        // d loss / d logits of softmax cross-entropy: p − one-hot(label).
        double[] delta = probabilities;
        delta[label] -= 1;
        Arrays.fill(gradient, 0, firstParameterOf(frozenLayers), 0);
        for (int layer = layers() - 1; layer >= frozenLayers; layer--) {
            int in = widths[layer];
            int outs = widths[layer + 1];
            int offset = layerOffsets[layer];
            double[] layerInput = activations[layer];
            for (int out = 0; out < outs; out++) {
                int row = offset + out * in;
                for (int i = 0; i < in; i++) {
                    gradient[row + i] = delta[out] * layerInput[i];
                }
                gradient[offset + outs * in + out] = delta[out];
            }
            if (layer > frozenLayers) {
                double[] previousDelta = new double[in];
                for (int i = 0; i < in; i++) {
                    // ReLU passes the gradient only where it was active.
                    if (layerInput[i] > 0) {
                        double sum = 0;
                        for (int out = 0; out < outs; out++) {
                            sum += parameters[offset + out * in + i] * delta[out];
                        }
                        previousDelta[i] = sum;
                    }
                }
                delta = previousDelta;
            }
        }
        return loss;
    }

    /** Each layer's input (after ReLU for hidden layers), then the output logits as the last element. */
    private double[][] forward(double[] input) {
        double[][] activations = new double[widths.length][];
        activations[0] = input;
        for (int layer = 0; layer < layers(); layer++) {
            int in = widths[layer];
            int outs = widths[layer + 1];
            int offset = layerOffsets[layer];
            double[] previous = activations[layer];
            double[] next = new double[outs];
            boolean hidden = layer < layers() - 1;
            for (int out = 0; out < outs; out++) {
                double sum = parameters[offset + outs * in + out];
                int row = offset + out * in;
                for (int i = 0; i < in; i++) {
                    sum += parameters[row + i] * previous[i];
                }
                next[out] = hidden ? Math.max(0, sum) : sum;
            }
            activations[layer + 1] = next;
        }
        return activations;
    }

    private static double[] softmax(double[] logits) {
        double max = Double.NEGATIVE_INFINITY;
        for (double logit : logits) {
            max = Math.max(max, logit);
        }
        double[] probabilities = new double[logits.length];
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            probabilities[k] = Math.exp(logits[k] - max);
            sum += probabilities[k];
        }
        for (int k = 0; k < logits.length; k++) {
            probabilities[k] /= sum;
        }
        return probabilities;
    }
}
