package dev.modelyard.modelserver;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A model repository in a temporary folder for the application under test: "classifier" (one version),
 * "versioned" (versions 1 and 2, version_policy serving 1), "disposable" (to unload), "echo" (every
 * datatype, configured from its graph), "broken" (a model file ONNX Runtime refuses), "batched" (the
 * classifier with dynamic batching) and "unsigned" (FP16 and unsigned integers, configured from its graph).
 */
public class ModelRepositoryResource implements QuarkusTestResourceLifecycleManager {

    public static Path repository;

    @Override
    public Map<String, String> start() {
        try {
            repository = Files.createTempDirectory("model-repository");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        byte[] version1 = TestModels.classifier(TestModels.CLASSIFIER_V1_WEIGHTS);
        TestModels.write(repository, "classifier", TestModels.CLASSIFIER_CONFIG, 1, version1);
        TestModels.write(repository, "disposable", TestModels.CLASSIFIER_CONFIG, 1, version1);
        String servingVersion1 = TestModels.CLASSIFIER_CONFIG + "version_policy: { specific: { versions: [1] } }\n";
        TestModels.write(repository, "versioned", servingVersion1, 1, version1);
        TestModels.write(repository, "versioned", servingVersion1, 2, TestModels.classifier(TestModels.CLASSIFIER_V2_WEIGHTS));
        TestModels.write(repository, "echo", "backend: \"onnxruntime\"\n", 1, TestModels.echo());
        TestModels.write(repository, "broken", TestModels.CLASSIFIER_CONFIG, 1, new byte[] {1, 2, 3});
        TestModels.write(repository, "batched", TestModels.CLASSIFIER_CONFIG
                + "dynamic_batching { max_queue_delay_microseconds: 20000 }\n", 1, version1);
        TestModels.write(repository, "unsigned", "backend: \"onnxruntime\"\n", 1, TestModels.unsigned());
        return Map.of("modelyard.model-server.repository", repository.toString());
    }

    @Override
    public void stop() {
        try (Stream<Path> files = Files.walk(repository)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
