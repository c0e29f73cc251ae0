package dev.modelyard.router.infer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.protocols.kserve.InferBatchStatistics;
import dev.modelyard.protocols.kserve.InferStatistics;
import dev.modelyard.protocols.kserve.ModelStatistics;
import dev.modelyard.protocols.kserve.StatisticDuration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelInspectionTest {

    /** Two model servers serving one version: counts and durations add up, batch sizes merge, the latest use wins. */
    @Test
    void sumsTheStatisticsOfEveryModelServer() {
        ModelStatistics first = server(10, 4, 1_000, 3, 8L);
        ModelStatistics second = server(6, 6, 3_000, 2, 1L);

        ModelStatistics total = ModelInspection.sum(List.of(first, second));

        assertThat(total.getInferenceCount()).isEqualTo(16);
        assertThat(total.getExecutionCount()).isEqualTo(10);
        assertThat(total.getLastInference()).isEqualTo(3_000);
        assertThat(total.getInferenceStats().getSuccess()).isEqualTo(duration(5, 500));
        assertThat(total.getInferenceStats().getQueue()).isEqualTo(duration(5, 50));
        assertThat(total.getBatchStatsList()).extracting(InferBatchStatistics::getBatchSize).containsExactly(1L, 4L, 8L);
        assertThat(total.getBatchStatsList().get(1).getComputeInfer()).isEqualTo(duration(2, 20));
    }

    private static ModelStatistics server(long rows, long executions, long lastInference, long successes, long batchSize) {
        return ModelStatistics.newBuilder().setName("rm-1").setVersion("1").setInferenceCount(rows)
                .setExecutionCount(executions).setLastInference(lastInference)
                .setInferenceStats(InferStatistics.newBuilder().setSuccess(duration(successes, successes * 100))
                        .setQueue(duration(successes, successes * 10)))
                .addBatchStats(InferBatchStatistics.newBuilder().setBatchSize(4).setComputeInfer(duration(1, 10)))
                .addBatchStats(InferBatchStatistics.newBuilder().setBatchSize(batchSize).setComputeInfer(duration(1, 5)))
                .build();
    }

    private static StatisticDuration duration(long count, long nanos) {
        return StatisticDuration.newBuilder().setCount(count).setNs(nanos).build();
    }
}
