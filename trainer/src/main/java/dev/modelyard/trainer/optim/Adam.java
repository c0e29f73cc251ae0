package dev.modelyard.trainer.optim;

import java.util.List;

/**
 * Adam (Kingma and Ba 2015) with bias correction: m ← β1·m + (1−β1)·g, v ← β2·v + (1−β2)·g², then
 * θ ← θ − η·m̂ / (√v̂ + ε) with m̂ = m / (1−β1^t) and v̂ = v / (1−β2^t) at step t.
 */
public final class Adam implements Optimizer {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPSILON = 1e-8;

    private final double[] firstMoment;
    private final double[] secondMoment;

    public Adam(int parameterCount) {
        this.firstMoment = new double[parameterCount];
        this.secondMoment = new double[parameterCount];
    }

    @Override
    public void step(double[] parameters, double[] gradient, double learningRate, long stepsBefore) {
        long t = stepsBefore + 1;
        double firstCorrection = 1 - Math.pow(BETA1, t);
        double secondCorrection = 1 - Math.pow(BETA2, t);
        for (int i = 0; i < parameters.length; i++) {
            firstMoment[i] = BETA1 * firstMoment[i] + (1 - BETA1) * gradient[i];
            secondMoment[i] = BETA2 * secondMoment[i] + (1 - BETA2) * gradient[i] * gradient[i];
            double corrected = firstMoment[i] / firstCorrection;
            parameters[i] -= learningRate * corrected / (Math.sqrt(secondMoment[i] / secondCorrection) + EPSILON);
        }
    }

    @Override
    public List<double[]> state() {
        return List.of(firstMoment, secondMoment);
    }
}
