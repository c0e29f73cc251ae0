package dev.modelyard.trainer.onnx;

/** The names the exporter gives to the graph's inputs, outputs and weights, which the reader looks for. */
final class OnnxGraphNames {
    static final String FEATURES = "features";
    static final String CATEGORIES = "categories";
    static final String PROBABILITIES = "probabilities";
    static final String LABEL = "label";
    static final String FEATURE_MEAN = "feature_mean";
    static final String FEATURE_STD = "feature_std";
    static final String CLASS_LABELS = "class_labels";
    static final String PRODUCER = "modelyard-trainer";
    static final String METADATA_FEATURE_NAMES = "feature_names";
    static final String METADATA_CLASS_LABELS = "class_labels";
    static final String METADATA_PRODUCER = "producer";
    /** A JSON array of {"name", "vocabulary"}, in the order of the categories input; absent without categorical columns. */
    static final String METADATA_CATEGORICAL_COLUMNS = "categorical_columns";
    static final String CATEGORICAL_NAME = "name";
    static final String CATEGORICAL_VOCABULARY = "vocabulary";

    private OnnxGraphNames() {
    }

    static String weights(int layer) {
        return "dense_" + layer + ".weight";
    }

    static String biases(int layer) {
        return "dense_" + layer + ".bias";
    }
}
