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
import dev.modelyard.trainer.model.Classifier;
import dev.modelyard.trainer.model.Network;
import dev.modelyard.trainer.model.Standardizer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
                    double[] expected = classifier.probabilities(toDoubles(features[r]));
                    for (int k = 0; k < expected.length; k++) {
                        assertThat((double) probabilities[r][k]).isCloseTo(expected[k], within(1e-5));
                    }
                    assertThat(labels[r]).containsExactly(classifier.classLabels().get(argMax(expected)));
                }
            }
        }
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
        assertThat(model.getOpsetImport(0).getVersion()).isEqualTo(17);
        assertThat(model.getGraph().getInput(0).getType().getTensorType().getShape().getDim(0).getDimParam()).isEqualTo("N");
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
        return new Classifier(SyntheticData.FEATURE_NAMES, classLabels, Standardizer.fit(DATA.features()), network);
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
