package dev.modelyard.trainer.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.modelyard.trainer.InvalidInputException;
import dev.modelyard.trainer.SyntheticData;
import dev.modelyard.trainer.data.Dataset;
import dev.modelyard.trainer.model.CategoricalColumn;
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExporterTest {
    private static final Dataset DATA = SyntheticData.generate(50, 8);

    @TempDir
    Path dir;

    @Test
    void onnxRuntimeComputesWhatTheTrainerComputes() throws OrtException {
        for (List<Integer> hiddenLayers : List.of(List.<Integer>of(), List.of(6, 5))) {
            Classifier classifier = classifier(hiddenLayers, List.of("bronze", "gold", "silver"));
            float[][] features = new float[DATA.size()][];
            for (int r = 0; r < DATA.size(); r++) {
                features[r] = toFloats(DATA.features()[r]);
            }

            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            try (OrtSession session = environment.createSession(OnnxExporter.export(classifier), new OrtSession.SessionOptions());
                 OnnxTensor input = OnnxTensor.createTensor(environment, features);
                 OrtSession.Result result = session.run(Map.of("features", input))) {
                float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
                String[][] labels = (String[][]) result.get("label").orElseThrow().getValue();

                for (int r = 0; r < DATA.size(); r++) {
                    // The trainer's forward pass on the same float inputs the runtime saw.
                    double[] expected = classifier.probabilities(toDoubles(features[r]), new String[0]);
                    for (int k = 0; k < expected.length; k++) {
                        assertThat((double) probabilities[r][k]).isCloseTo(expected[k], within(1e-5));
                    }
                    assertThat(labels[r]).containsExactly(classifier.classLabels().get(argMax(expected)));
                }
            }
        }
    }

    @Test
    void categoriesAreOneHotEncodedInsideTheGraphAsTheTrainerEncodesThem() throws OrtException {
        Dataset data = SyntheticData.generateWithCategories(300, 9);
        String[][] categories = new String[data.size()][];
        for (int r = 0; r < data.size(); r++) {
            // The runtime's strings have no null: a row without a value sends "", which is just another unknown value.
            categories[r] = Arrays.stream(data.categories()[r]).map(value -> value == null ? "" : value).toArray(String[]::new);
        }
        categories[0] = new String[] {"platinum", "north"};
        categories[1] = new String[] {"basic", "Atlantis"};
        categories[2] = new String[] {"gold", "mars"};
        for (List<Integer> hiddenLayers : List.of(List.<Integer>of(), List.of(6, 5))) {
            Classifier classifier = categoricalClassifier(data, hiddenLayers, SyntheticData.FEATURE_NAMES);

            double maxDifference = maxDifference(classifier, data.features(), categories);

            assertThat(maxDifference).isLessThan(1e-5);
        }
    }

    @Test
    void unknownCategoriesEncodeAsAllZerosInTheGraphToo() throws OrtException {
        Dataset data = SyntheticData.generateWithCategories(50, 10);
        Classifier classifier = categoricalClassifier(data, List.of(), SyntheticData.FEATURE_NAMES);
        double[] features = data.features()[0];

        // With all-zero codes only the standardised features and the biases are left to the logits.
        double[] unknown = onnxProbabilities(classifier, new double[][] {features}, new String[][] {{"gold", ""}})[0];
        double[] known = onnxProbabilities(classifier, new double[][] {features}, new String[][] {{"plus", "east"}})[0];

        assertThat(classifier.input(features, new String[] {"gold", null})).endsWith(0, 0, 0, 0, 0, 0, 0);
        assertThat(classifier.input(features, new String[] {"plus", "east"})).endsWith(0, 1, 0, 1, 0, 0, 0);
        assertThat(unknown).containsExactly(classifier.probabilities(features, new String[] {"gold", null}), within(1e-5));
        assertThat(unknown).isNotEqualTo(known);
    }

    @Test
    void aModelOfCategoriesOnlyTakesTheCategoriesInputOnly() throws OrtException, IOException {
        Dataset data = SyntheticData.generateWithCategories(100, 11);
        Classifier classifier = categoricalClassifier(data, List.of(3), List.of());
        String[][] categories = Arrays.stream(data.categories())
                .map(row -> Arrays.stream(row).map(value -> value == null ? "" : value).toArray(String[]::new))
                .toArray(String[][]::new);
        double[][] noFeatures = new double[data.size()][0];

        try (OrtSession session = session(classifier)) {
            assertThat(session.getInputNames()).containsExactly("categories");
        }
        assertThat(maxDifference(classifier, noFeatures, categories)).isLessThan(1e-5);
        assertThat(OnnxExporter.signature(classifier).get("inputs").toString())
                .isEqualTo("[{\"name\":\"categories\",\"datatype\":\"BYTES\",\"shape\":[-1,2]}]");
        Classifier read = OnnxModelReader.read(Files.write(dir.resolve("model.onnx"), OnnxExporter.export(classifier)));
        assertThat(read.featureNames()).isEmpty();
        assertThat(read.categoricalColumns()).isEqualTo(classifier.categoricalColumns());
    }

    @Test
    void theGraphDeclaresTheContractsInputsOutputsAndMetadata() throws OrtException {
        Classifier classifier = classifier(List.of(3), SyntheticData.CLASS_LABELS);
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        try (OrtSession session = environment.createSession(OnnxExporter.export(classifier), new OrtSession.SessionOptions())) {
            assertThat(session.getInputNames()).containsExactly("features");
            assertThat(session.getOutputNames()).containsExactly("probabilities", "label");
            assertThat(session.getMetadata().getCustomMetadata())
                    .containsEntry("feature_names", "[\"age\",\"monthly_spend\",\"tenure_months\",\"support_tickets\"]")
                    .containsEntry("class_labels", "[\"no\",\"yes\"]")
                    .containsEntry("producer", "modelyard-trainer");
        }
        var model = OnnxExporter.model(classifier);
        assertThat(model.getIrVersion()).isEqualTo(8);
        // Without categorical columns the graph stays what it always was: one opset, no ai.onnx.ml.
        assertThat(model.getOpsetImportList()).hasSize(1);
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("N");
        assertThat(OnnxExporter.signature(classifier).has("categorical_columns")).isFalse();
    }

    @Test
    void aModelWithCategoricalColumnsDeclaresThemAndTheirVocabularies() throws OrtException {
        Dataset data = SyntheticData.generateWithCategories(100, 12);
        Classifier classifier = categoricalClassifier(data, List.of(), SyntheticData.FEATURE_NAMES);

        try (OrtSession session = session(classifier)) {
            assertThat(session.getInputNames()).containsExactly("features", "categories");
            assertThat(session.getInputInfo().get("categories").getInfo().toString()).contains("STRING");
            assertThat(session.getMetadata().getCustomMetadata()).containsEntry("categorical_columns",
                    "[{\"name\":\"plan\",\"vocabulary\":[\"basic\",\"plus\",\"pro\"]},"
                            + "{\"name\":\"region\",\"vocabulary\":[\"east\",\"north\",\"south\",\"west\"]}]");
        }
        assertThat(OnnxExporter.model(classifier).getOpsetImportList())
                .anySatisfy(opset -> assertThat(opset.getDomain()).isEqualTo("ai.onnx.ml"));
        assertThat(OnnxExporter.signature(classifier).toString()).isEqualTo("""
                {"inputs":[{"name":"features","datatype":"FP32","shape":[-1,4]},{"name":"categories","datatype":"BYTES","shape":[-1,2]}],\
                "outputs":[{"name":"probabilities","datatype":"FP32","shape":[-1,2]},{"name":"label","datatype":"BYTES","shape":[-1,1]}],\
                "feature_names":["age","monthly_spend","tenure_months","support_tickets"],\
                "categorical_columns":[{"name":"plan","vocabulary":["basic","plus","pro"]},{"name":"region","vocabulary":["east","north","south","west"]}],\
                "class_labels":["no","yes"]}""");
    }

    @Test
    void theReaderLoadsBackCategoricalColumnsWithTheirVocabularies() throws IOException {
        Dataset data = SyntheticData.generateWithCategories(100, 13);
        Classifier classifier = categoricalClassifier(data, List.of(5), SyntheticData.FEATURE_NAMES);
        Path file = Files.write(dir.resolve("model.onnx"), OnnxExporter.export(classifier));

        Classifier read = OnnxModelReader.read(file);

        assertThat(read.categoricalColumns()).isEqualTo(classifier.categoricalColumns());
        assertThat(read.network().features()).isEqualTo(4 + 3 + 4);
        assertThat(read.network().parameters()).containsExactly(classifier.network().parameters(), within(1e-6));
    }

    @Test
    void theReaderLoadsBackWhatTheExporterWrote() throws IOException {
        Classifier classifier = classifier(List.of(4), SyntheticData.CLASS_LABELS);
        Path file = Files.write(dir.resolve("model.onnx"), OnnxExporter.export(classifier));

        Classifier read = OnnxModelReader.read(file);

        assertThat(read.featureNames()).isEqualTo(classifier.featureNames());
        assertThat(read.classLabels()).isEqualTo(classifier.classLabels());
        assertThat(read.network().hiddenLayers()).containsExactly(4);
        // Weights travel as float32.
        assertThat(read.network().parameters()).containsExactly(classifier.network().parameters(), within(1e-6));
        assertThat(read.standardizer().means()).containsExactly(classifier.standardizer().means(), within(1e-4));
    }

    @Test
    void aFileThisTrainerDidNotWriteIsRefused() throws IOException {
        Path file = Files.write(dir.resolve("other.onnx"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> OnnxModelReader.read(file)).isInstanceOf(InvalidInputException.class);
    }

    private static Classifier classifier(List<Integer> hiddenLayers, List<String> classLabels) {
        Network network = Network.initialized(4, hiddenLayers, classLabels.size(), new SplittableRandom(17));
        return new Classifier(SyntheticData.FEATURE_NAMES, List.of(), classLabels, Standardizer.fit(DATA.features()), network);
    }

    /** Random weights over the plan and region columns (and the numeric features named), so every input matters. */
    private static Classifier categoricalClassifier(Dataset data, List<Integer> hiddenLayers, List<String> featureNames) {
        List<CategoricalColumn> columns = List.of(new CategoricalColumn("plan", SyntheticData.PLANS),
                new CategoricalColumn("region", SyntheticData.REGIONS));
        double[][] features = featureNames.isEmpty() ? new double[data.size()][0] : data.features();
        Network network = Network.initialized(Classifier.inputWidth(featureNames, columns), hiddenLayers,
                SyntheticData.CLASS_LABELS.size(), new SplittableRandom(19));
        return new Classifier(featureNames, columns, SyntheticData.CLASS_LABELS, Standardizer.fit(features), network);
    }

    private static OrtSession session(Classifier classifier) throws OrtException {
        return OrtEnvironment.getEnvironment().createSession(OnnxExporter.export(classifier), new OrtSession.SessionOptions());
    }

    /** The largest difference between the runtime's probabilities and the trainer's forward pass on the same inputs. */
    private static double maxDifference(Classifier classifier, double[][] features, String[][] categories) throws OrtException {
        double[][] probabilities = onnxProbabilities(classifier, features, categories);
        double max = 0;
        for (int r = 0; r < features.length; r++) {
            // The trainer's forward pass on the same float inputs the runtime saw.
            double[] expected = classifier.probabilities(toDoubles(toFloats(features[r])), categories[r]);
            for (int k = 0; k < expected.length; k++) {
                max = Math.max(max, Math.abs(probabilities[r][k] - expected[k]));
            }
        }
        return max;
    }

    private static double[][] onnxProbabilities(Classifier classifier, double[][] features, String[][] categories)
            throws OrtException {
        OrtEnvironment environment = OrtEnvironment.getEnvironment();
        Map<String, OnnxTensor> inputs = new LinkedHashMap<>();
        try (OrtSession session = session(classifier)) {
            if (!classifier.featureNames().isEmpty()) {
                inputs.put("features", OnnxTensor.createTensor(environment,
                        Arrays.stream(features).map(OnnxExporterTest::toFloats).toArray(float[][]::new)));
            }
            String[] flat = Arrays.stream(categories).flatMap(Arrays::stream).toArray(String[]::new);
            inputs.put("categories", OnnxTensor.createTensor(environment, flat, new long[] {categories.length, categories[0].length}));
            try (OrtSession.Result result = session.run(inputs)) {
                float[][] probabilities = (float[][]) result.get("probabilities").orElseThrow().getValue();
                String[][] labels = (String[][]) result.get("label").orElseThrow().getValue();
                double[][] doubles = new double[probabilities.length][];
                for (int r = 0; r < probabilities.length; r++) {
                    doubles[r] = toDoubles(probabilities[r]);
                    assertThat(labels[r]).containsExactly(classifier.classLabels().get(argMax(doubles[r])));
                }
                return doubles;
            }
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] toFloats(double[] values) {
        float[] floats = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            floats[i] = (float) values[i];
        }
        return floats;
    }

    private static double[] toDoubles(float[] values) {
        double[] doubles = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            doubles[i] = values[i];
        }
        return doubles;
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }
}
