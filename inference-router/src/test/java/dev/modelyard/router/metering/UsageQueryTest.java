package dev.modelyard.router.metering;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class UsageQueryTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

    @Test
    void defaultsToTheLast30DaysPerModel() {
        UsageQuery query = UsageQuery.parse(null, null, null, NOW);
        assertThat(query.to()).isEqualTo(NOW);
        assertThat(query.from()).isEqualTo(NOW.minus(Duration.ofDays(30)));
        assertThat(query.groupBy()).isEqualTo(UsageQuery.Grouping.MODEL);
    }

    @Test
    void readsUnixSecondsDatesAndDateTimesWithADateAsToIncludingThatDay() {
        UsageQuery query = UsageQuery.parse("1700000000", "2026-11-23", "day", NOW);
        assertThat(query.from()).isEqualTo(Instant.ofEpochSecond(1_699_999_200));
        assertThat(query.to()).isEqualTo(Instant.parse("2026-11-24T00:00:00Z"));
        assertThat(query.groupBy()).isEqualTo(UsageQuery.Grouping.DAY);

        assertThat(UsageQuery.parse("2026-11-01", "2026-11-02T12:00:00+01:00", "model", NOW))
                .isEqualTo(new UsageQuery(Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2026-11-02T11:00:00Z"),
                        UsageQuery.Grouping.MODEL));
    }

    @Test
    void widensTheRangeToWholeHoursAndGroupsByHour() {
        UsageQuery query = UsageQuery.parse("2026-11-23T10:20:00Z", "2026-11-23T12:00:01Z", "hour", NOW);
        assertThat(query).isEqualTo(new UsageQuery(Instant.parse("2026-11-23T10:00:00Z"),
                Instant.parse("2026-11-23T13:00:00Z"), UsageQuery.Grouping.HOUR));
        assertThat(UsageQuery.parse("2026-11-23T10:00:00Z", "2026-11-23T12:00:00Z", null, NOW).to())
                .isEqualTo(Instant.parse("2026-11-23T12:00:00Z"));
    }

    @Test
    void namesTheParameterItCannotRead() {
        assertField(() -> UsageQuery.parse("last week", null, null, NOW), "from");
        assertField(() -> UsageQuery.parse(null, "2026-13-01", null, NOW), "to");
        assertField(() -> UsageQuery.parse("2026-11-24", "2026-11-23T00:00:00Z", null, NOW), "from");
        assertField(() -> UsageQuery.parse(null, null, "week", NOW), "group_by");
    }

    private static void assertField(Runnable parse, String field) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(PlatformException.class, e -> {
            assertThat(e.status()).isEqualTo(400);
            assertThat(e.errors().getFirst().field()).isEqualTo(field);
        });
    }
}
