package dev.modelyard.router.metering;

import java.util.List;

/** {@code GET /v1/usage}: the list envelope with the range (Unix seconds) and grouping it covers. */
public record UsageReport(String object, List<Row> data, long from, long to, String groupBy) {

    /**
     * One group. {@code requests}, {@code rows}, {@code compute_seconds} and the latency count successful
     * inferences, the ones billed; {@code errors} counts the failed ones.
     *
     * @param day            for {@code group_by=day}, the UTC day such as {@code 2026-11-23}
     * @param hour           for {@code group_by=hour}, the hour's start in Unix seconds
     * @param computeSeconds the time the model servers spent answering, in seconds
     * @param avgLatencyMs   null when nothing succeeded
     */
    public record Row(String model, String version, String day, Long hour, long requests, long rows, long errors,
                      double computeSeconds, Double avgLatencyMs) {
    }
}
