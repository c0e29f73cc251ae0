package dev.modelyard.router.metering;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * What {@code GET /v1/usage} asks for: the half-open range {@code [from, to)} and the grouping.
 * Times are Unix seconds, ISO dates (UTC days; a date as {@code to} includes that day) or ISO date-times.
 * Usage is kept per hour, so the range widens to whole hours: {@code from} down, {@code to} up.
 */
public record UsageQuery(Instant from, Instant to, Grouping groupBy) {

    static final Duration DEFAULT_RANGE = Duration.ofDays(30);

    public enum Grouping {
        /** One row per model and version. */
        MODEL,
        /** One row per UTC day, model and version. */
        DAY,
        /** One row per UTC hour, model and version. */
        HOUR;

        public String paramValue() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static UsageQuery parse(String from, String to, String groupBy, Instant now) {
        Instant end = isBlank(to) ? now : instant("to", to, true);
        Instant start = isBlank(from) ? end.minus(DEFAULT_RANGE) : instant("from", from, false);
        if (!start.isBefore(end)) {
            throw invalid("from", "'from' must be before 'to'");
        }
        Instant endHour = end.truncatedTo(ChronoUnit.HOURS);
        return new UsageQuery(start.truncatedTo(ChronoUnit.HOURS),
                endHour.equals(end) ? end : endHour.plus(Duration.ofHours(1)), grouping(groupBy));
    }

    private static Instant instant(String field, String value, boolean endOfRange) {
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfRange ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException | NumberFormatException e) {
            throw invalid(field, "'" + value + "' is not a time: use Unix seconds or an ISO date such as 2026-11-23");
        }
    }

    private static Grouping grouping(String value) {
        if (isBlank(value)) {
            return Grouping.MODEL;
        }
        for (Grouping grouping : Grouping.values()) {
            if (grouping.paramValue().equals(value)) {
                return grouping;
            }
        }
        throw invalid("group_by", "'" + value + "' is not a grouping: use model, day or hour");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    private static PlatformException invalid(String field, String message) {
        return PlatformException.badRequest(message, FieldError.field(field, message));
    }
}
