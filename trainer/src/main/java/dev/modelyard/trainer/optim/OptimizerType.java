package dev.modelyard.trainer.optim;

/** The optimisers a spec may choose, each with the learning rate that a learning_rate_multiplier of 1 means. */
public enum OptimizerType {
    /** 0.1 suits standardised features and mean losses with momentum 0.9. */
    SGD("sgd", 0.1),
    /** Adam's steps are about η per parameter whatever the gradient's scale, so it needs a smaller η than SGD. */
    ADAM("adam", 0.01);

    public final String wireName;
    public final double baseLearningRate;

    OptimizerType(String wireName, double baseLearningRate) {
        this.wireName = wireName;
        this.baseLearningRate = baseLearningRate;
    }

    public Optimizer create(int parameterCount) {
        return switch (this) {
            case SGD -> new SgdMomentum(parameterCount, SgdMomentum.MOMENTUM);
            case ADAM -> new Adam(parameterCount);
        };
    }
}
