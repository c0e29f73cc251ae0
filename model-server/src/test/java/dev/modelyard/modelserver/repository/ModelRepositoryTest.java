package dev.modelyard.modelserver.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.TestModels;
import dev.modelyard.modelserver.runtime.InferenceRequest;
import dev.modelyard.modelserver.runtime.KServeDataType;
import dev.modelyard.modelserver.runtime.Tensor;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRepositoryTest {

    @TempDir
    Path folder;

    private ModelRepository repository;

    @BeforeEach
    void createRepository() {
        repository = new ModelRepository(folder, OrtEnvironment.getEnvironment(), 1);
    }

    @AfterEach
    void closeRepository() {
        repository.close();
    }

    @Test
    void latestPolicyLoadsTheHighestVersionsAndAllLoadsEvery() {
        byte[] classifier = TestModels.classifier(TestModels.CLASSIFIER_V1_WEIGHTS);
        for (long version = 1; version <= 3; version++) {
            TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG
                    + "version_policy: { latest: { num_versions: 2 } }", version, classifier);
        }
        repository.load("classifier");
        assertThat(versions()).containsExactly(2L, 3L);

        TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG + "version_policy: { all: {} }", 3, classifier);
        repository.load("classifier");
        assertThat(versions()).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aFailedReloadKeepsTheLoadedVersionsServing() {
        TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG, 1,
                TestModels.classifier(TestModels.CLASSIFIER_V1_WEIGHTS));
        repository.load("classifier");
        TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG, 2, new byte[] {0});

        assertThatThrownBy(() -> repository.load("classifier")).isInstanceOf(ModelServerException.class);

        assertThat(versions()).containsExactly(1L);
        assertThat(repository.index(false)).containsExactly(new ModelIndexEntry("classifier", "1", ModelState.READY, ""));
    }

    @Test
    void refusesInputsOnnxRuntimeCannotBeFed() {
        TestModels.write(folder, "counts", "backend: \"onnxruntime\"\n", 1, TestModels.unsignedInput());

        assertThatThrownBy(() -> repository.load("counts")).isInstanceOf(ModelServerException.class)
                .hasMessageContaining("input 'counts' is UINT32");
        assertThat(repository.index(false)).extracting(ModelIndexEntry::state).containsExactly(ModelState.UNAVAILABLE);
    }

    /**
     * Requests racing reloads and unloads either succeed or are refused cleanly; none crashes the JVM. The reloads
     * start once every client has been served, so they race requests however slowly the client threads start.
     */
    @Test
    void infersWhileTheModelIsReloadedAndUnloaded() throws Exception {
        TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG, 1,
                TestModels.classifier(TestModels.CLASSIFIER_V1_WEIGHTS));
        repository.load("classifier");
        AtomicBoolean running = new AtomicBoolean(true);
        CountDownLatch everyClientServed = new CountDownLatch(3);
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        ExecutorService clients = Executors.newFixedThreadPool(3);
        try {
            List<Future<?>> requests = List.of(1, 2, 3).stream().<Future<?>>map(client -> clients.submit(() -> {
                boolean served = false;
                while (running.get()) {
                    try {
                        repository.infer(request());
                        if (!served) {
                            served = true;
                            everyClientServed.countDown();
                        }
                    } catch (ModelServerException refused) {
                        assertThat(refused.kind()).isIn(ModelServerException.Kind.NOT_FOUND,
                                ModelServerException.Kind.UNAVAILABLE);
                    } catch (Throwable e) {
                        unexpected.add(e);
                    }
                }
            })).toList();
            assertThat(everyClientServed.await(60, TimeUnit.SECONDS)).isTrue();
            for (int round = 0; round < 20; round++) {
                TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG, 1,
                        TestModels.classifier(round % 2 == 0 ? TestModels.CLASSIFIER_V2_WEIGHTS : TestModels.CLASSIFIER_V1_WEIGHTS));
                repository.load("classifier");
                if (round % 5 == 4) {
                    repository.unload("classifier");
                }
            }
            running.set(false);
            for (Future<?> request : requests) {
                request.get(60, TimeUnit.SECONDS);
            }
        } finally {
            clients.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
    }

    @Test
    void aBatchOnlyOutputConfiguredAsOneValueReshapedToAScalarLoadsAsTritonWould() {
        TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG.replace("TYPE_STRING dims: [ ] }",
                "TYPE_STRING dims: [ 1 ] reshape: { shape: [ ] } }"), 1,
                TestModels.classifier(TestModels.CLASSIFIER_V1_WEIGHTS));
        repository.load("classifier");

        assertThat(repository.model("classifier").outputs().get(1).shape()).containsExactly(-1L);
        assertThat(repository.infer(request()).outputs().get(1).shape()).containsExactly(1L);
    }

    private List<Long> versions() {
        return repository.model("classifier").versions().stream().map(version -> version.version()).toList();
    }

    private static InferenceRequest request() {
        return new InferenceRequest("classifier", "", "", List.of(new Tensor("features", KServeDataType.FP32,
                new long[] {1, 3}, new float[] {1, 2, 3})), List.of());
    }
}
