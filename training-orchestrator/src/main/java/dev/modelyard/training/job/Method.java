package dev.modelyard.training.job;

import java.util.List;

/** The model the trainer builds: {@code logistic_regression}, or {@code mlp} with its hidden layer sizes. */
public record Method(String type, List<Integer> hiddenLayers) {

    public static final String LOGISTIC_REGRESSION = "logistic_regression";
    public static final String MLP = "mlp";

    public Method {
        hiddenLayers = hiddenLayers == null ? List.of() : List.copyOf(hiddenLayers);
    }
}
