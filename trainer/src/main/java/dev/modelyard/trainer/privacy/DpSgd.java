package dev.modelyard.trainer.privacy;

import java.util.SplittableRandom;

/**
 * The private parts of a DP-SGD step (Abadi et al. 2016): each example's gradient is clipped to norm C, the
 * clipped gradients are summed, Gaussian noise N(0, (σC)²) is added to every coordinate of the sum, and the
 * result is divided by the expected batch size q·n. Dividing by the expected rather than the drawn size keeps
 * the sensitivity of the average at C / (q·n) whatever batch Poisson sampling drew.
 */
public final class DpSgd {
    private final double maxGradNorm;
    private final double noiseMultiplier;
    private final double sampleRate;
    private final double expectedBatchSize;
    private final SplittableRandom random;

    /** @param rows how many examples the batches are drawn from */
    public DpSgd(double maxGradNorm, double noiseMultiplier, double sampleRate, int rows, SplittableRandom random) {
        this.maxGradNorm = maxGradNorm;
        this.noiseMultiplier = noiseMultiplier;
        this.sampleRate = sampleRate;
        this.expectedBatchSize = sampleRate * rows;
        this.random = random;
    }

    /** Poisson sampling: whether an example takes part in this step, independently with probability q. */
    public boolean sampled() {
        return random.nextDouble() < sampleRate;
    }

    /** Scales {@code gradient} in place so that its L2 norm is at most C; returns the norm it had. */
    public static double clip(double[] gradient, double maxGradNorm) {
        double squares = 0;
        for (double component : gradient) {
            squares += component * component;
        }
        double norm = Math.sqrt(squares);
        if (norm > maxGradNorm) {
            double scale = maxGradNorm / norm;
            for (int i = 0; i < gradient.length; i++) {
                gradient[i] *= scale;
            }
        }
        return norm;
    }

    /** Clips one example's gradient and adds it to the batch's running sum. */
    public void accumulateClipped(double[] exampleGradient, double[] sum) {
        clip(exampleGradient, maxGradNorm);
        for (int i = 0; i < sum.length; i++) {
            sum[i] += exampleGradient[i];
        }
    }

    /**
     * Adds the Gaussian noise to the sum of clipped gradients and turns it into the step's gradient, in place.
     *
     * @param firstTrainable coordinates before it belong to frozen layers: they stay zero, since parameters that are
     *                       never updated release nothing about the data and need no noise
     */
    public void privatize(double[] clippedSum, int firstTrainable) {
        double noiseStd = noiseMultiplier * maxGradNorm;
        for (int i = firstTrainable; i < clippedSum.length; i++) {
            clippedSum[i] = (clippedSum[i] + noiseStd * random.nextGaussian()) / expectedBatchSize;
        }
    }
}
