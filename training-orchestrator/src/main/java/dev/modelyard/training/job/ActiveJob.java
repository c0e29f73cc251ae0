package dev.modelyard.training.job;

/**
 * A job that still needs the orchestrator, as the supervisor sees it across tenants; {@code launched}: its trainer
 * has been handed to the executor (a queued one may still wait for the cluster to admit it).
 */
record ActiveJob(String id, String tenant, JobStatus status, boolean launched) {
}
