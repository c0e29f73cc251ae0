package dev.modelyard.trainer.optim;

/**
 * Stochastic gradient descent with heavy-ball momentum: v ← μ·v + g, θ ← θ − η·v (PyTorch's formulation, so
 * μ = 0.9 gives an effective step of about 10·η once the velocity has built up).
 */
public final class SgdMomentum {
    /** The learning rate that a learning_rate_multiplier of 1 means; suits standardised features and mean losses. */
    public static final double BASE_LEARNING_RATE = 0.1;
    public static final double MOMENTUM = 0.9;

    private final double learningRate;
    private final double momentum;
    private final double[] velocity;

    public SgdMomentum(int parameterCount, double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
        this.velocity = new double[parameterCount];
    }

    /** One step along {@code gradient} (the mean loss's gradient, or DP-SGD's noisy estimate of it). */
    public void step(double[] parameters, double[] gradient) {
        for (int i = 0; i < parameters.length; i++) {
            velocity[i] = momentum * velocity[i] + gradient[i];
            parameters[i] -= learningRate * velocity[i];
        }
    }
}
