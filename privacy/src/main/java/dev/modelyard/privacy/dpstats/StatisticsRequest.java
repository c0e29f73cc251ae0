package dev.modelyard.privacy.dpstats;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * {@code POST /v1/files/{id}/dp-statistics}: what to release and the budget it may spend, split equally
 * across the statistics. With {@code delta} above 0 the noise is Gaussian, otherwise Laplace.
 */
public record StatisticsRequest(@NotNull @Positive Double epsilon, @PositiveOrZero Double delta,
                                @NotEmpty @Size(max = 20) List<@Valid @NotNull Statistic> statistics) {

    /**
     * One statistic. Bounds and categories are public choices of the caller, never read off the data,
     * or they would leak it: values are clamped to {@code [lower, upper]}, rows outside the categories
     * fall in an {@code <other>} bin.
     */
    public record Statistic(@NotNull String type, String column, Double lower, Double upper, List<String> categories,
                            List<Double> probabilities) {
    }
}
