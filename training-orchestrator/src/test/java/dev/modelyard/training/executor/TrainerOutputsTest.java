package dev.modelyard.training.executor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerOutputsTest {

    private static final String SIGNATURE = """
            {"inputs": [{"name": "features", "datatype": "FP32", "shape": [-1, 4]}],
             "outputs": [{"name": "probabilities", "datatype": "FP32", "shape": [-1, 2]},
                         {"name": "label", "datatype": "BYTES", "shape": [-1]}]}""";

    @TempDir
    Path dir;
    private JobFolder folder;

    @BeforeEach
    void writeValidOutputs() throws IOException {
        folder = new JobFolder(dir);
        Files.createDirectories(folder.output());
        Files.writeString(folder.model(), "onnx bytes");
        Files.writeString(folder.signature(), SIGNATURE);
        Files.writeString(folder.metrics(), "{\"valid_accuracy\": 0.9, \"epsilon\": 2.9998}");
    }

    @Test
    void acceptsOutputsThatFollowTheContract() throws Exception {
        TrainerOutputs outputs = TrainerOutputs.check(folder, 3.0);

        assertThat(outputs.signature().get("outputs")).hasSize(2);
        assertThat(outputs.metrics().get("valid_accuracy").asDouble()).isEqualTo(0.9);
    }

    @Test
    void needsANonEmptyModel() throws IOException {
        Files.writeString(folder.model(), "");
        assertRefused(null, "model.onnx is missing or empty");
        Files.delete(folder.model());
        assertRefused(null, "model.onnx is missing or empty");
    }

    @Test
    void needsASignatureWithInputsAndOutputsInKServeTerms() throws IOException {
        signature("{\"inputs\": [], \"outputs\": []}");
        assertRefused(null, "signature.json inputs must list at least one tensor");
        signature(SIGNATURE.replace("\"outputs\"", "\"results\""));
        assertRefused(null, "signature.json outputs must list at least one tensor");
        signature(SIGNATURE.replace("\"BYTES\"", "\"STRING\""));
        assertRefused(null, "signature.json outputs[1].datatype \"STRING\" is not a KServe datatype");
        signature(SIGNATURE.replace("[-1, 4]", "[-2, 4]"));
        assertRefused(null, "signature.json inputs[0].shape must hold integers of at least -1, found -2");
        signature(SIGNATURE.replace("[-1, 4]", "[-1, 4.5]"));
        assertRefused(null, "signature.json inputs[0].shape must hold integers of at least -1, found 4.5");
        signature(SIGNATURE.replace("\"name\": \"label\", ", ""));
        assertRefused(null, "signature.json outputs[1].name must be a non-empty string");
        signature("{\"inputs\": ");
        assertRefused(null, "signature.json is not valid JSON");
    }

    @Test
    void needsParsableMetrics() throws IOException {
        Files.writeString(folder.metrics(), "[1, 2]");
        assertRefused(null, "metrics.json must hold a JSON object");
        Files.delete(folder.metrics());
        assertRefused(null, "metrics.json is missing");
    }

    @Test
    void aPrivateJobMustReportAnEpsilonWithinItsTarget() throws Exception {
        assertRefused(2.5, "metrics.json reports epsilon 2.9998, above the target of 2.5");
        assertThat(TrainerOutputs.check(folder, 2.9998 - 1e-10).metrics().get("epsilon").asDouble()).isEqualTo(2.9998);

        Files.writeString(folder.metrics(), "{\"valid_accuracy\": 0.9, \"epsilon\": null}");
        assertRefused(3.0, "metrics.json has no epsilon, though the job trained with privacy");
        assertThat(TrainerOutputs.check(folder, null).metrics().get("epsilon").isNull()).isTrue();
    }

    private void signature(String json) throws IOException {
        Files.writeString(folder.signature(), json);
    }

    private void assertRefused(Double targetEpsilon, String message) {
        assertThatThrownBy(() -> TrainerOutputs.check(folder, targetEpsilon))
                .isInstanceOf(TrainerOutputs.InvalidTrainerOutputException.class)
                .hasMessageStartingWith(message);
    }
}
