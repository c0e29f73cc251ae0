package dev.modelyard.training.job;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.training.clients.ServiceTokens;

/**
 * A job that still needs the orchestrator, as the supervisor sees it across tenants; {@code launched}: its trainer
 * has been handed to the executor (a queued one may still wait for the cluster to admit it).
 */
record ActiveJob(String id, String tenant, JobStatus status, boolean launched) {

    /** Who works on the job's data: the orchestrator, acting in the job's tenant. */
    Caller orchestrator() {
        return ServiceTokens.actingIn(tenant);
    }
}
