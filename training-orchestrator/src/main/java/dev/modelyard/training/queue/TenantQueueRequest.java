package dev.modelyard.training.queue;

import java.util.Map;

/**
 * The body of {@code PUT /v1/fine_tuning/tenant_queues/{tenant}}, as sent: the tenant's guaranteed share of the
 * cluster. {@code gpus} maps a GPU type to the GPUs of that type the tenant is guaranteed; {@code cpu} and
 * {@code memory} are Kubernetes quantities per GPU type; {@code max_concurrent_jobs} is the plan's limit;
 * {@code gpu_borrowing_limit} is how many GPUs of a type it may borrow from idle tenants of the cohort.
 */
public record TenantQueueRequest(Map<String, Integer> gpus, String cpu, String memory, Integer maxConcurrentJobs,
                                 Integer gpuBorrowingLimit) {
}
