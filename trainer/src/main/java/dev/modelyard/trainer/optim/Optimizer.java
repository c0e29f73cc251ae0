package dev.modelyard.trainer.optim;

import java.util.List;

/** Updates the parameters from a gradient; its state lives in flat arrays that checkpoints save and restore. */
public interface Optimizer {
    /**
     * One step along {@code gradient} (the mean loss's gradient, or DP-SGD's noisy estimate of it).
     *
     * @param stepsBefore how many steps came before this one
     */
    void step(double[] parameters, double[] gradient, double learningRate, long stepsBefore);

    /** The live state arrays, in a fixed order; a checkpoint restores them by copying into them. */
    List<double[]> state();
}
