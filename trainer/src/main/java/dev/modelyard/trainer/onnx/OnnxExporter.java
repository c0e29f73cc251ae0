package dev.modelyard.trainer.onnx;

import static dev.modelyard.trainer.onnx.OnnxGraphNames.*;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.modelyard.protocols.onnx.Onnx.AttributeProto;
import dev.modelyard.protocols.onnx.Onnx.GraphProto;
import dev.modelyard.protocols.onnx.Onnx.ModelProto;
import dev.modelyard.protocols.onnx.Onnx.NodeProto;
import dev.modelyard.protocols.onnx.Onnx.OperatorSetIdProto;
import dev.modelyard.protocols.onnx.Onnx.StringStringEntryProto;
import dev.modelyard.protocols.onnx.Onnx.TensorProto;
import dev.modelyard.protocols.onnx.Onnx.TensorShapeProto;
import dev.modelyard.protocols.onnx.Onnx.TypeProto;
import dev.modelyard.protocols.onnx.Onnx.ValueInfoProto;
import dev.modelyard.trainer.model.CategoricalColumn;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a classifier as an ONNX model that takes raw values. Numeric features {@code features} [N, F] →
 * Sub(mean) → Div(std); categorical values {@code categories} [N, C] (strings; KServe's BYTES) → per column
 * Gather → ai.onnx.ml OneHotEncoder over its vocabulary (an unknown value gives all zeros); both Concat'ed →
 * (Gemm → Relu)* → Gemm → Softmax → {@code probabilities} [N, K], and ArgMax → Gather over the class labels →
 * {@code label} [N, 1] (strings). The label keeps a dimension of its own beside the batch, as Triton's model
 * configuration requires of every output. A model without categorical columns has the {@code features} input
 * only, and one without numeric features the {@code categories} input only.
 */
public final class OnnxExporter {
    /** Opset 17 with IR version 8: what ONNX Runtime and Triton's onnxruntime backend have long supported. */
    static final int OPSET = 17;
    /** The ai.onnx.ml opset released with opset 17; OneHotEncoder is unchanged since its version 1. */
    static final int ML_OPSET = 3;
    static final String ML_DOMAIN = "ai.onnx.ml";
    static final int IR_VERSION = 8;
    static final String PRODUCER_VERSION = "0.1.0";

    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxExporter() {
    }

    public static byte[] export(Classifier classifier) {
        return model(classifier).toByteArray();
    }

    static ModelProto model(Classifier classifier) {
        Network network = classifier.network();
        int features = classifier.featureNames().size();
        List<CategoricalColumn> categorical = classifier.categoricalColumns();
        int classes = network.classes();
        GraphProto.Builder graph = GraphProto.newBuilder().setName("tabular_classifier");
        List<String> encodedParts = new ArrayList<>();
        if (features > 0) {
            graph.addInput(tensorValue(FEATURES, TensorProto.DataType.FLOAT, features))
                    .addInitializer(floatTensor(FEATURE_MEAN, classifier.standardizer().means(), features))
                    .addInitializer(floatTensor(FEATURE_STD, classifier.standardizer().stds(), features))
                    .addNode(node("Sub", "centre", List.of(FEATURES, FEATURE_MEAN), "centred"))
                    .addNode(node("Div", "scale", List.of("centred", FEATURE_STD), "standardized"));
            encodedParts.add("standardized");
        }
        if (!categorical.isEmpty()) {
            graph.addInput(tensorValue(CATEGORIES, TensorProto.DataType.STRING, categorical.size()));
        }
        for (int c = 0; c < categorical.size(); c++) {
            String position = "category_" + c;
            // A scalar index drops the column axis: [N, C] → [N], which OneHotEncoder turns into [N, vocabulary].
            graph.addInitializer(TensorProto.newBuilder().setName(position + ".index")
                            .setDataType(TensorProto.DataType.INT64_VALUE).addInt64Data(c))
                    .addNode(node("Gather", position, List.of(CATEGORIES, position + ".index"), position + ".value")
                            .addAttribute(intAttribute("axis", 1)))
                    .addNode(node("OneHotEncoder", position + ".one_hot", List.of(position + ".value"), position + ".one_hot")
                            .setDomain(ML_DOMAIN)
                            .addAttribute(stringsAttribute("cats_strings", categorical.get(c).vocabulary()))
                            .addAttribute(intAttribute("zeros", 1)));
            encodedParts.add(position + ".one_hot");
        }
        String layerInput = encodedParts.getFirst();
        if (encodedParts.size() > 1) {
            layerInput = "encoded";
            graph.addNode(node("Concat", "encode", encodedParts, layerInput).addAttribute(intAttribute("axis", 1)));
        }
        graph.addOutput(tensorValue(PROBABILITIES, TensorProto.DataType.FLOAT, classes))
                .addOutput(tensorValue(LABEL, TensorProto.DataType.STRING, 1))
                .addInitializer(stringTensor(CLASS_LABELS, classifier.classLabels()));
        for (int layer = 0; layer < network.layers(); layer++) {
            double[][] weights = network.weights(layer);
            graph.addInitializer(floatTensor(weights(layer), flatten(weights), weights.length, weights[0].length));
            graph.addInitializer(floatTensor(biases(layer), network.biases(layer), weights.length));
            boolean output = layer == network.layers() - 1;
            String linear = output ? "logits" : "dense_" + layer + ".linear";
            // Weights are stored [out, in] like the trainer keeps them, hence transB.
            graph.addNode(node("Gemm", "dense_" + layer, List.of(layerInput, weights(layer), biases(layer)), linear)
                    .addAttribute(intAttribute("transB", 1)));
            if (!output) {
                layerInput = "dense_" + layer + ".relu";
                graph.addNode(node("Relu", "relu_" + layer, List.of(linear), layerInput));
            }
        }
        graph.addNode(node("Softmax", "softmax", List.of("logits"), PROBABILITIES).addAttribute(intAttribute("axis", 1)));
        graph.addNode(node("ArgMax", "argmax", List.of(PROBABILITIES), "class_index")
                .addAttribute(intAttribute("axis", 1))
                .addAttribute(intAttribute("keepdims", 1)));
        graph.addNode(node("Gather", "class_label", List.of(CLASS_LABELS, "class_index"), LABEL)
                .addAttribute(intAttribute("axis", 0)));
        ModelProto.Builder model = ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(OPSET))
                .setProducerName(PRODUCER)
                .setProducerVersion(PRODUCER_VERSION)
                .setGraph(graph)
                .addMetadataProps(metadata(METADATA_FEATURE_NAMES, json(classifier.featureNames())))
                .addMetadataProps(metadata(METADATA_CLASS_LABELS, json(classifier.classLabels())))
                .addMetadataProps(metadata(METADATA_PRODUCER, PRODUCER));
        if (!categorical.isEmpty()) {
            model.addOpsetImport(OperatorSetIdProto.newBuilder().setDomain(ML_DOMAIN).setVersion(ML_OPSET))
                    .addMetadataProps(metadata(METADATA_CATEGORICAL_COLUMNS, json(categoricalColumns(categorical))));
        }
        return model.build();
    }

    /**
     * The model's KServe signature (docs/trainer-contract.md): raw features and categories in, probabilities and
     * label strings out, with the names of the feature columns and each categorical column's vocabulary.
     */
    public static ObjectNode signature(Classifier classifier) {
        ObjectNode signature = JSON.createObjectNode();
        ArrayNode inputs = signature.putArray("inputs");
        if (!classifier.featureNames().isEmpty()) {
            inputs.add(signatureTensor(FEATURES, "FP32", -1, classifier.featureNames().size()));
        }
        if (!classifier.categoricalColumns().isEmpty()) {
            inputs.add(signatureTensor(CATEGORIES, "BYTES", -1, classifier.categoricalColumns().size()));
        }
        signature.putArray("outputs")
                .add(signatureTensor(PROBABILITIES, "FP32", -1, classifier.classLabels().size()))
                .add(signatureTensor(LABEL, "BYTES", -1, 1));
        signature.set("feature_names", JSON.valueToTree(classifier.featureNames()));
        if (!classifier.categoricalColumns().isEmpty()) {
            signature.set("categorical_columns", categoricalColumns(classifier.categoricalColumns()));
        }
        signature.set("class_labels", JSON.valueToTree(classifier.classLabels()));
        return signature;
    }

    /** The columns as signature.json and the model's metadata list them: {"name", "vocabulary"} each. */
    private static ArrayNode categoricalColumns(List<CategoricalColumn> columns) {
        ArrayNode array = JSON.createArrayNode();
        for (CategoricalColumn column : columns) {
            ObjectNode entry = array.addObject().put(CATEGORICAL_NAME, column.name());
            column.vocabulary().forEach(entry.putArray(CATEGORICAL_VOCABULARY)::add);
        }
        return array;
    }

    private static ObjectNode signatureTensor(String name, String datatype, int... shape) {
        ObjectNode tensor = JSON.createObjectNode().put("name", name).put("datatype", datatype);
        ArrayNode dims = tensor.putArray("shape");
        for (int dim : shape) {
            dims.add(dim);
        }
        return tensor;
    }

    /** A tensor type [N, width]: the batch dimension "N", then a fixed width. */
    private static ValueInfoProto tensorValue(String name, TensorProto.DataType type, int width) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder()
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimParam("N"))
                .addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(width));
        return ValueInfoProto.newBuilder()
                .setName(name)
                .setType(TypeProto.newBuilder().setTensorType(
                        TypeProto.Tensor.newBuilder().setElemType(type.getNumber()).setShape(shape)))
                .build();
    }

    private static TensorProto floatTensor(String name, double[] values, long... dims) {
        TensorProto.Builder tensor = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE);
        for (long dim : dims) {
            tensor.addDims(dim);
        }
        for (double value : values) {
            tensor.addFloatData((float) value);
        }
        return tensor.build();
    }

    private static TensorProto stringTensor(String name, List<String> values) {
        TensorProto.Builder tensor = TensorProto.newBuilder()
                .setName(name)
                .setDataType(TensorProto.DataType.STRING_VALUE)
                .addDims(values.size());
        for (String value : values) {
            tensor.addStringData(ByteString.copyFrom(value, StandardCharsets.UTF_8));
        }
        return tensor.build();
    }

    private static NodeProto.Builder node(String opType, String name, List<String> inputs, String output) {
        return NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(inputs).addOutput(output);
    }

    private static AttributeProto intAttribute(String name, long value) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(value).build();
    }

    private static AttributeProto stringsAttribute(String name, List<String> values) {
        AttributeProto.Builder attribute = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRINGS);
        values.forEach(value -> attribute.addStrings(ByteString.copyFrom(value, StandardCharsets.UTF_8)));
        return attribute.build();
    }

    private static StringStringEntryProto metadata(String key, String value) {
        return StringStringEntryProto.newBuilder().setKey(key).setValue(value).build();
    }

    private static double[] flatten(double[][] matrix) {
        double[] flat = new double[matrix.length * matrix[0].length];
        for (int row = 0; row < matrix.length; row++) {
            System.arraycopy(matrix[row], 0, flat, row * matrix[0].length, matrix[0].length);
        }
        return flat;
    }

    private static String json(Object values) {
        try {
            return JSON.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
