package dev.modelyard.privacy.policy;

import java.util.Map;

/**
 * A policy as the API shows it: as its latest version says ({@code object} {@code privacy.policy}), or one
 * version of it ({@code privacy.policy.version}, without {@code updated_at}).
 */
public record PolicyView(String id, String object, int version, String name, String description,
                         Map<String, OperatorSpec> types, Map<String, OperatorSpec> columns, String createdBy,
                         long createdAt, Long updatedAt) {

    static PolicyView of(Policy policy, PolicyVersion latest) {
        return new PolicyView(policy.id, "privacy.policy", latest.version, latest.name, latest.description,
                latest.rules.types(), latest.rules.columns(), latest.createdBy, policy.createdAt.getEpochSecond(),
                policy.updatedAt.getEpochSecond());
    }

    static PolicyView of(PolicyVersion version) {
        return new PolicyView(version.policyId, "privacy.policy.version", version.version, version.name,
                version.description, version.rules.types(), version.rules.columns(), version.createdBy,
                version.createdAt.getEpochSecond(), null);
    }
}
