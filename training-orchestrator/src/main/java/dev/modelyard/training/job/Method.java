package dev.modelyard.training.job;

import java.util.List;

/**
 * The model the trainer builds: {@code logistic_regression}, or {@code mlp} with its hidden layer sizes.
 *
 * @param freezeLayers how many of the base model's lowest layers keep their weights while fine-tuning
 */
public record Method(String type, List<Integer> hiddenLayers, Integer freezeLayers) {

    public static final String LOGISTIC_REGRESSION = "logistic_regression";
    public static final String MLP = "mlp";

    /** Jobs stored before layers could be frozen froze none. */
    public Method {
        hiddenLayers = hiddenLayers == null ? List.of() : List.copyOf(hiddenLayers);
        freezeLayers = freezeLayers == null ? 0 : freezeLayers;
    }

    /** A layer per hidden layer, plus the output layer. */
    public int layers() {
        return hiddenLayers.size() + 1;
    }
}
