package dev.modelyard.router.metering;

import java.util.List;

/** {@code GET /v1/usage}: the list envelope with the range (Unix seconds) and grouping it covers. */
public record UsageReport(String object, List<Row> data, long from, long to, String groupBy) {

    /**
     * One group. {@code requests}, {@code rows} and the latencies count successful inferences, the ones
     * billed; {@code errors} counts the failed ones.
     *
     * @param version for {@code group_by=model}
     * @param day     for {@code group_by=day}, the UTC day such as {@code 2026-11-23}
     */
    public record Row(String model, String version, String day, long requests, long rows, long errors,
                      Double avgLatencyMs, Double p50LatencyMs) {
    }
}
