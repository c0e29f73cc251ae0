package dev.modelyard.router.metering;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.id.Ids;
import dev.modelyard.common.time.DatabaseTime;
import java.time.Instant;

/**
 * One answered inference. Only {@code status = ok} is billed; failures are kept so usage reports show them.
 *
 * @param apiKeyId the API key the call came with, or {@code null} when a person called
 * @param subject  who called: the user, or the API key's id
 * @param model    the registered model's name
 * @param version  the registered version that answered
 * @param rows     the batch dimension of the first input
 * @param status   {@code ok} or the problem type of the failure
 */
public record UsageEvent(String id, String tenantId, String apiKeyId, String subject, String model, String version,
                         long rows, long latencyUs, String status, Instant occurredAt) {

    public static final String OK = "ok";

    public static UsageEvent of(Caller caller, String model, String version, long rows, long latencyUs, String status) {
        return new UsageEvent(Ids.next("ue"), caller.tenant(), caller.apiKeyId(), caller.subject(), model, version,
                rows, latencyUs, status, DatabaseTime.now());
    }
}
