package dev.modelyard.dp.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.modelyard.dp.PrivacyCost;
import dev.modelyard.dp.mechanism.ExactSampler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PrivateStatisticsTest {
    private final PrivateStatistics statistics = new PrivateStatistics(new ExactSampler(new Random(42)));

    @Test
    void aCountAtLargeEpsilonIsCloseToTheTrueCount() {
        Release<Long> laplace = statistics.count(1_000, new Budget.Laplace(20));
        Release<Long> gaussian = statistics.count(1_000, new Budget.Gaussian(20, 1e-6));

        assertThat(laplace.value()).isBetween(998L, 1_002L);
        assertThat(laplace.noiseScale()).isEqualTo(1 / 20.0);
        assertThat(laplace.cost()).isEqualTo(PrivacyCost.pure(20));
        assertThat(gaussian.value()).isBetween(995L, 1_005L);
        assertThat(gaussian.cost()).isEqualTo(new PrivacyCost(20, 1e-6));
    }

    @Test
    void clampingBoundsWhatAnOutlierAddsToASum() {
        double[] values = {1, 2, 3, 1e9};

        Release<Double> sum = statistics.sum(values, 0, 10, new Budget.Laplace(1_000));

        assertThat(sum.value()).isCloseTo(16, within(0.1));
        double grid = 0x1p-7; // the largest power of two at most 10 / 1024
        assertThat(sum.value() / grid).isEqualTo(Math.rint(sum.value() / grid));
        assertThat(sum.noiseScale()).isCloseTo(10.0 / 1_000, within(1e-12));
    }

    @Test
    void aMeanIsANoisySumOverANoisyCountWithinTheBounds() {
        double[] values = IntStream.rangeClosed(1, 100).asDoubleStream().toArray();

        MeanRelease mean = statistics.mean(values, 0, 100, new Budget.Laplace(100));
        MeanRelease clamped = statistics.mean(new double[] {-5, 500}, 0, 10, new Budget.Gaussian(1, 1e-6));

        assertThat(mean.mean()).isCloseTo(50.5, within(0.5));
        assertThat(mean.cost()).isEqualTo(PrivacyCost.pure(100));
        assertThat(mean.sumNoiseScale()).isCloseTo(50.0 / 50, within(1e-12)); // half range over half the ε
        assertThat(clamped.mean()).isBetween(0.0, 10.0);
        assertThat(clamped.cost().epsilon()).isCloseTo(1, within(1e-15));
        assertThat(clamped.cost().delta()).isCloseTo(1e-6, within(1e-21));
    }

    @Test
    void aHistogramCountsRowsOutsideTheCategoriesAsOther() {
        List<String> rows = new ArrayList<>();
        rows.addAll(Collections.nCopies(30, "a"));
        rows.addAll(Collections.nCopies(20, "b"));
        rows.addAll(Collections.nCopies(5, "c"));

        Release<Map<String, Long>> histogram = statistics.histogram(rows, List.of("a", "b"), new Budget.Laplace(50));

        assertThat(histogram.value()).containsOnlyKeys("a", "b", PrivateStatistics.OTHER);
        assertThat(histogram.value().get("a")).isBetween(29L, 31L);
        assertThat(histogram.value().get("b")).isBetween(19L, 21L);
        assertThat(histogram.value().get(PrivateStatistics.OTHER)).isBetween(4L, 6L);
        assertThatThrownBy(() -> statistics.histogram(rows, List.of("a", PrivateStatistics.OTHER), new Budget.Laplace(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void quantilesComeFromTheCandidateGridNearTheTrueOnes() {
        double[] values = IntStream.range(0, 1_000).asDoubleStream().toArray();

        Release<List<Double>> quantiles = statistics.quantiles(values, 0, 1_000, new double[] {0.25, 0.5, 0.9}, 10);

        assertThat(quantiles.value()).hasSize(3);
        assertThat(quantiles.value().get(0)).isCloseTo(250, within(10.0));
        assertThat(quantiles.value().get(1)).isCloseTo(500, within(10.0));
        assertThat(quantiles.value().get(2)).isCloseTo(900, within(10.0));
        assertThat(quantiles.value()).allSatisfy(q -> assertThat(q).isEqualTo(Math.rint(q)));
        assertThat(quantiles.cost()).isEqualTo(PrivacyCost.pure(10));
    }
}
