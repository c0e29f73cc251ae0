package dev.modelyard.training.job;

/** A job that still needs the orchestrator, as the supervisor sees it across tenants. */
record ActiveJob(String id, String tenant, JobStatus status) {
}
