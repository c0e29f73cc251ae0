package dev.modelyard.privacy.dpstats;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The statistics the platform releases, and what each needs from the request. */
enum StatisticKind {
    COUNT(false, false),
    SUM(true, true),
    MEAN(true, true),
    HISTOGRAM(true, false),
    QUANTILES(true, true);

    final boolean needsColumn;
    final boolean numeric;

    StatisticKind(boolean needsColumn, boolean numeric) {
        this.needsColumn = needsColumn;
        this.numeric = numeric;
    }

    String apiName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Checks statistic {@code index} of the request and tells its kind; a 400 names the field at fault. */
    static StatisticKind of(StatisticsRequest.Statistic statistic, int index) {
        String field = "statistics[" + index + "]";
        StatisticKind kind = Arrays.stream(values()).filter(k -> k.apiName().equals(statistic.type())).findFirst()
                .orElseThrow(() -> PlatformException.badRequest("Unknown statistic '" + statistic.type() + "'",
                        FieldError.field(field + ".type", "must be one of " + Arrays.stream(values())
                                .map(StatisticKind::apiName).collect(Collectors.joining(", ")))));
        if (kind.needsColumn && (statistic.column() == null || statistic.column().isBlank())) {
            throw PlatformException.badRequest("A " + kind.apiName() + " needs a column", FieldError.field(field + ".column", "is required"));
        }
        if (kind.numeric) {
            if (statistic.lower() == null || statistic.upper() == null || !(statistic.lower() < statistic.upper())) {
                throw PlatformException.badRequest("A " + kind.apiName() + " needs public bounds with lower < upper",
                        FieldError.field(field + ".upper", "must be given and above lower"));
            }
        }
        if (kind == HISTOGRAM && (statistic.categories() == null || statistic.categories().isEmpty())) {
            throw PlatformException.badRequest("A histogram needs its categories, chosen without looking at the data",
                    FieldError.field(field + ".categories", "must not be empty"));
        }
        if (kind == QUANTILES && (statistic.probabilities() == null || statistic.probabilities().isEmpty()
                || statistic.probabilities().stream().anyMatch(p -> p == null || p <= 0 || p >= 1))) {
            throw PlatformException.badRequest("Quantiles need probabilities strictly between 0 and 1",
                    FieldError.field(field + ".probabilities", "must be values in (0, 1)"));
        }
        return kind;
    }
}
