package dev.modelyard.trainer.onnx;

import static dev.modelyard.trainer.onnx.OnnxGraphNames.*;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.modelyard.protocols.onnx.Onnx.ModelProto;
import dev.modelyard.protocols.onnx.Onnx.StringStringEntryProto;
import dev.modelyard.protocols.onnx.Onnx.TensorProto;
import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.model.CategoricalColumn;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Loads back a classifier from an ONNX file {@link OnnxExporter} wrote, to continue training from it. */
public final class OnnxModelReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private OnnxModelReader() {
    }

    public static Classifier read(Path file) {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(Files.readAllBytes(file));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException("base_model " + file + " is not an ONNX model");
        } catch (IOException e) {
            throw new InvalidInputException("base_model " + file + " cannot be read: " + e.getMessage());
        }
        Map<String, String> metadata = new HashMap<>();
        for (StringStringEntryProto entry : model.getMetadataPropsList()) {
            metadata.put(entry.getKey(), entry.getValue());
        }
        if (!PRODUCER.equals(metadata.get(METADATA_PRODUCER)) || !model.hasGraph()) {
            throw new InvalidInputException("base_model " + file + " was not written by " + PRODUCER);
        }
        Map<String, TensorProto> initializers = new HashMap<>();
        for (TensorProto tensor : model.getGraph().getInitializerList()) {
            initializers.put(tensor.getName(), tensor);
        }
        try {
            List<String> featureNames = JSON.readValue(metadata.get(METADATA_FEATURE_NAMES), new TypeReference<>() { });
            List<String> classLabels = JSON.readValue(metadata.get(METADATA_CLASS_LABELS), new TypeReference<>() { });
            List<CategoricalColumn> categoricalColumns = categoricalColumns(metadata.get(METADATA_CATEGORICAL_COLUMNS));
            // A model without numeric features has no standardisation in its graph.
            Standardizer standardizer = featureNames.isEmpty() ? new Standardizer(new double[0], new double[0])
                    : new Standardizer(floats(initializers, FEATURE_MEAN), floats(initializers, FEATURE_STD));
            List<double[][]> weights = new ArrayList<>();
            List<double[]> biases = new ArrayList<>();
            for (int layer = 0; initializers.containsKey(weights(layer)); layer++) {
                TensorProto weightTensor = initializers.get(weights(layer));
                int outs = (int) weightTensor.getDims(0);
                int ins = (int) weightTensor.getDims(1);
                double[] flat = floats(initializers, weights(layer));
                double[][] matrix = new double[outs][ins];
                for (int out = 0; out < outs; out++) {
                    System.arraycopy(flat, out * ins, matrix[out], 0, ins);
                }
                weights.add(matrix);
                biases.add(floats(initializers, biases(layer)));
            }
            Network network = Network.of(weights.toArray(double[][][]::new), biases.toArray(double[][]::new));
            return new Classifier(List.copyOf(featureNames), categoricalColumns, List.copyOf(classLabels), standardizer, network);
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException("base_model " + file + " does not hold a model this trainer can continue from: " + e.getMessage());
        }
    }

    /** The categorical columns the metadata lists; none when it lists none, as in models without them. */
    private static List<CategoricalColumn> categoricalColumns(String json) throws IOException {
        if (json == null) {
            return List.of();
        }
        List<CategoricalColumn> columns = new ArrayList<>();
        for (JsonNode column : JSON.readTree(json)) {
            List<String> vocabulary = new ArrayList<>();
            column.get(CATEGORICAL_VOCABULARY).forEach(value -> vocabulary.add(value.textValue()));
            columns.add(new CategoricalColumn(column.get(CATEGORICAL_NAME).textValue(), vocabulary));
        }
        return List.copyOf(columns);
    }

    /** A float tensor's values, from float_data or little-endian raw_data (other ONNX writers use the latter). */
    private static double[] floats(Map<String, TensorProto> initializers, String name) {
        TensorProto tensor = initializers.get(name);
        if (tensor == null || tensor.getDataType() != TensorProto.DataType.FLOAT_VALUE) {
            throw new IllegalArgumentException("no float tensor " + name);
        }
        if (tensor.hasRawData()) {
            ByteString raw = tensor.getRawData();
            FloatBuffer buffer = ByteBuffer.wrap(raw.toByteArray()).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
            double[] values = new double[buffer.remaining()];
            for (int i = 0; i < values.length; i++) {
                values[i] = buffer.get(i);
            }
            return values;
        }
        double[] values = new double[tensor.getFloatDataCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = tensor.getFloatData(i);
        }
        return values;
    }
}
