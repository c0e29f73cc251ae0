package dev.modelyard.trainer.optim;

import java.util.List;

/**
 * Stochastic gradient descent with heavy-ball momentum: v ← μ·v + g, θ ← θ − η·v (PyTorch's formulation, so
 * μ = 0.9 gives an effective step of about 10·η once the velocity has built up).
 */
public final class SgdMomentum implements Optimizer {
    public static final double MOMENTUM = 0.9;

    private final double momentum;
    private final double[] velocity;

    public SgdMomentum(int parameterCount, double momentum) {
        this.momentum = momentum;
        this.velocity = new double[parameterCount];
    }

    @Override
    public void step(double[] parameters, double[] gradient, double learningRate, long stepsBefore) {
        for (int i = 0; i < parameters.length; i++) {
            velocity[i] = momentum * velocity[i] + gradient[i];
            parameters[i] -= learningRate * velocity[i];
        }
    }

    @Override
    public List<double[]> state() {
        return List.of(velocity);
    }
}
