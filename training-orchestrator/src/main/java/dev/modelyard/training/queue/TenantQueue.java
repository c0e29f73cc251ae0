package dev.modelyard.training.queue;

import java.util.Map;

/**
 * A tenant's Kueue queue as applied: its LocalQueue in the training namespace and the ClusterQueue behind it, with
 * the quota it was given.
 */
public record TenantQueue(String object, String tenant, String localQueue, String clusterQueue, String cohort,
                         Map<String, Integer> gpus, int gpuBorrowingLimit, String cpu, String memory,
                         int maxConcurrentJobs) {
}
