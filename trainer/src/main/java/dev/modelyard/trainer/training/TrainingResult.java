package dev.modelyard.trainer.training;

import dev.modelyard.trainer.model.Classifier;
import java.util.List;

/**
 * @param history      one entry per epoch; the last is the final state
 * @param stoppedEarly whether early stopping ended training before the planned epochs
 */
public record TrainingResult(Classifier classifier, List<EpochMetrics> history, long steps, boolean stoppedEarly) {
    public EpochMetrics last() {
        return history.getLast();
    }
}
