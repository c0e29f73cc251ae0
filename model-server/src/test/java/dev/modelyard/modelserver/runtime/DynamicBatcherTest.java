package dev.modelyard.modelserver.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import dev.modelyard.modelserver.ModelServerException;
import dev.modelyard.modelserver.TestModels;
import dev.modelyard.modelserver.repository.ModelRepository;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic batching through the repository, on the classifier: logits [f0 + f2, f1 + f2]. */
class DynamicBatcherTest {

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

    /**
     * 16 callers of 1 to 3 rows each: every caller gets exactly its rows, and fewer executions ran than requests.
     * Full batches run at once; the delay, long enough for every caller to arrive however loaded the machine, only
     * holds the last partial one.
     */
    @Test
    void everyCallerGetsExactlyItsRowsOfAMergedBatch() throws Exception {
        load("dynamic_batching { max_queue_delay_microseconds: 2000000 }");
        int callers = 16;
        long totalRows = 0;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            List<Future<InferenceResponse>> answers = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                int id = caller;
                answers.add(threads.submit(() -> {
                    start.await();
                    return repository.infer(request(id, 1 + id % 3));
                }));
            }
            start.countDown();
            for (int caller = 0; caller < callers; caller++) {
                InferenceResponse answer = answers.get(caller).get(60, TimeUnit.SECONDS);
                int rows = 1 + caller % 3;
                totalRows += rows;
                Tensor probabilities = answer.outputs().get(0);
                Tensor labels = answer.outputs().get(1);
                assertThat(probabilities.shape()).containsExactly(rows, 2);
                assertThat(labels.shape()).containsExactly(rows);
                float[] values = (float[]) probabilities.values();
                for (int row = 0; row < rows; row++) {
                    // Row r of caller c is [c, r, 0]: logits [c, r].
                    float expectedYes = (float) (1 / (1 + Math.exp(caller - row)));
                    assertThat(values[row * 2 + 1]).as("caller %d row %d", caller, row).isCloseTo(expectedYes,
                            Offset.offset(1e-6f));
                    assertThat(new String(((byte[][]) labels.values())[row])).isEqualTo(row > caller ? "yes" : "no");
                }
            }
        } finally {
            threads.shutdownNow();
        }
        InferenceStatistics.Snapshot statistics = repository.statistics("classifier", "").getFirst().statistics();
        assertThat(statistics.success().count()).isEqualTo(callers);
        assertThat(statistics.inferenceCount()).isEqualTo(totalRows);
        assertThat(statistics.executionCount()).isLessThan(callers);
        assertThat(statistics.batches().keySet()).anyMatch(size -> size > 3);
        assertThat(statistics.queue().count()).isEqualTo(callers);
        assertThat(statistics.queue().nanos()).isPositive();
    }

    /** The delay is an hour: answers that come at all came without waiting for it. */
    @Test
    void aPreferredBatchSizeRunsWithoutWaitingForTheDelay() throws Exception {
        load("dynamic_batching { preferred_batch_size: [ 4 ] max_queue_delay_microseconds: 3600000000 }");
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<InferenceResponse>> answers = new ArrayList<>();
            for (int caller = 0; caller < 4; caller++) {
                int id = caller;
                answers.add(threads.submit(() -> repository.infer(request(id, 1))));
            }
            for (Future<InferenceResponse> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS).outputs()).hasSize(2);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(repository.statistics("classifier", "").getFirst().statistics().batches()).containsOnlyKeys(4L);
    }

    @Test
    void aLoneRequestRunsOnceTheDelayPassed() {
        load("dynamic_batching { max_queue_delay_microseconds: 1000 }");

        InferenceResponse answer = repository.infer(request(2, 2));

        assertThat(answer.outputs().get(0).shape()).containsExactly(2, 2);
        assertThat(repository.statistics("classifier", "").getFirst().statistics().executionCount()).isEqualTo(1);
    }

    @Test
    void refusesPreferredSizesAboveTheMaximum() {
        TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG
                + "dynamic_batching { preferred_batch_size: [ 16 ] }", 1, TestModels.classifier(TestModels.CLASSIFIER_V1_WEIGHTS));

        assertThatThrownBy(() -> repository.load("classifier")).isInstanceOf(ModelServerException.class)
                .hasMessageContaining("preferred_batch_size 16");
    }

    /** After a reload the old batcher stops; requests go through the new model's batcher. */
    @Test
    void keepsServingAcrossAReload() {
        load("dynamic_batching { max_queue_delay_microseconds: 1000 }");
        repository.infer(request(1, 1));
        repository.load("classifier");

        assertThat(repository.infer(request(1, 1)).outputs()).hasSize(2);
    }

    private void load(String batching) {
        TestModels.write(folder, "classifier", TestModels.CLASSIFIER_CONFIG + batching, 1,
                TestModels.classifier(TestModels.CLASSIFIER_V1_WEIGHTS));
        repository.load("classifier");
    }

    /** {@code rows} rows {@code [caller, r, 0]}. */
    private static InferenceRequest request(int caller, int rows) {
        float[] features = new float[rows * 3];
        for (int row = 0; row < rows; row++) {
            features[row * 3] = caller;
            features[row * 3 + 1] = row;
        }
        return new InferenceRequest("classifier", "", "", List.of(new Tensor("features", KServeDataType.FP32,
                new long[] {rows, 3}, features)), List.of());
    }
}
