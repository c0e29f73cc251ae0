package dev.modelyard.privacy.policy;

/** The policy version that anonymized a file: {@code {"id": "policy-…", "version": 2}}, or {@code default}, 1. */
public record PolicyReference(String id, int version) {

    public static PolicyReference of(AnonymizationPolicy policy) {
        return new PolicyReference(policy.id(), policy.version());
    }
}
