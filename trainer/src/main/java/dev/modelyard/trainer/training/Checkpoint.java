package dev.modelyard.trainer.training;

import java.util.List;

/**
 * Everything a run needs to go on exactly where it was. Every random draw derives from the seed and the epoch or
 * step it serves, so the seed and the step are the whole random state.
 *
 * @param optimizerState the optimiser's state arrays, in {@link dev.modelyard.trainer.optim.Optimizer#state()} order
 * @param noiseMultiplier DP-SGD's σ; null without DP
 * @param epsilon        the privacy the accountant has charged for {@code step} steps; null without DP
 */
public record Checkpoint(long seed, long step, double[] parameters, List<double[]> optimizerState,
                         List<EpochMetrics> history, Double noiseMultiplier, Double epsilon) {
}
