package dev.modelyard.privacy.dpstats;

import dev.modelyard.dp.statistics.Budget;
import dev.modelyard.dp.statistics.MeanRelease;
import dev.modelyard.dp.statistics.PrivateStatistics;
import dev.modelyard.dp.statistics.Release;
import dev.modelyard.privacy.budget.BudgetService;
import dev.modelyard.privacy.budget.BudgetView;
import dev.modelyard.privacy.budget.CommitRequest;
import dev.modelyard.privacy.budget.ReservationView;
import dev.modelyard.privacy.budget.ReserveRequest;
import dev.modelyard.privacy.file.FileContent;
import dev.modelyard.privacy.file.FileService;
import dev.modelyard.privacy.file.FileView;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Releases differentially private statistics of a file: the whole ε (and δ) is reserved on the file's
 * budget before any value is read, split equally across the statistics, committed once the release is
 * computed, and refunded if it fails. A refused reservation means nothing was read.
 */
@ApplicationScoped
public class DpStatisticsService {

    private final FileService files;
    private final BudgetService budgets;
    private final PrivateStatistics statistics = new PrivateStatistics();

    public DpStatisticsService(FileService files, BudgetService budgets) {
        this.files = files;
        this.budgets = budgets;
    }

    public record Result(String type, String column, Object value, double noiseScale, double epsilon, double delta) {
    }

    public record Released(String object, String file, String mechanism, double epsilon, double delta,
                           List<Result> results, String reservation, BudgetView budget) {
    }

    public Released release(String fileId, StatisticsRequest request) {
        FileView file = files.get(fileId);
        List<StatisticKind> kinds = new ArrayList<>();
        Set<String> columns = new LinkedHashSet<>();
        for (int index = 0; index < request.statistics().size(); index++) {
            StatisticsRequest.Statistic statistic = request.statistics().get(index);
            StatisticKind kind = StatisticKind.of(statistic, index);
            kinds.add(kind);
            if (kind.needsColumn) {
                columns.add(statistic.column());
            }
        }
        double delta = request.delta() == null ? 0 : request.delta();
        Budget total = delta > 0 ? new Budget.Gaussian(request.epsilon(), delta) : new Budget.Laplace(request.epsilon());
        ReservationView reservation = budgets.reserve(fileId, new ReserveRequest(BigDecimal.valueOf(request.epsilon()),
                BigDecimal.valueOf(delta), "dp-statistics", null, null));
        try {
            ColumnValues values = read(fileId, file.format(), columns);
            Budget each = total.share(kinds.size());
            List<Result> results = new ArrayList<>();
            for (int index = 0; index < kinds.size(); index++) {
                results.add(compute(kinds.get(index), request.statistics().get(index), values, each));
            }
            budgets.commit(reservation.id(), new CommitRequest(BigDecimal.valueOf(request.epsilon()), BigDecimal.valueOf(delta)));
            return new Released("file.dp_statistics", fileId, delta > 0 ? "gaussian" : "laplace", request.epsilon(), delta,
                    results, reservation.id(), budgets.fileBudget(fileId));
        } catch (RuntimeException e) {
            budgets.refund(reservation.id());
            throw e;
        }
    }

    private ColumnValues read(String fileId, String format, Set<String> columns) {
        FileContent content = files.content(fileId);
        try (InputStream bytes = content.bytes()) {
            return ColumnValues.read(bytes, format, columns);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Result compute(StatisticKind kind, StatisticsRequest.Statistic statistic, ColumnValues values, Budget budget) {
        String column = statistic.column();
        return switch (kind) {
            case COUNT -> result(kind, null, statistics.count(values.rows(), budget));
            case SUM -> result(kind, column, statistics.sum(values.numbers(column), statistic.lower(), statistic.upper(), budget));
            case MEAN -> {
                MeanRelease mean = statistics.mean(values.numbers(column), statistic.lower(), statistic.upper(), budget);
                yield new Result(kind.apiName(), column, mean.mean(), Math.max(mean.sumNoiseScale(), mean.countNoiseScale()),
                        mean.cost().epsilon(), mean.cost().delta());
            }
            case HISTOGRAM -> result(kind, column, statistics.histogram(values.text(column), statistic.categories(), budget));
            case QUANTILES -> result(kind, column, statistics.quantiles(values.numbers(column), statistic.lower(),
                    statistic.upper(), statistic.probabilities().stream().mapToDouble(Double::doubleValue).toArray(),
                    budget.cost().epsilon()));
        };
    }

    private static Result result(StatisticKind kind, String column, Release<?> release) {
        return new Result(kind.apiName(), column, release.value(), release.noiseScale(), release.cost().epsilon(),
                release.cost().delta());
    }
}
