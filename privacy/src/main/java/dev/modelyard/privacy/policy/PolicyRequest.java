package dev.modelyard.privacy.policy;

import java.util.Map;

/**
 * The body of {@code POST /v1/privacy/policies} and {@code PUT /v1/privacy/policies/{id}}: a whole policy
 * version. {@code types} maps entity types, {@code columns} column names, to operators.
 */
public record PolicyRequest(String name, String description, Map<String, OperatorSpec> types,
                            Map<String, OperatorSpec> columns) {
}
