package dev.modelyard.privacy.policy;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The operators an upload applies, resolved from a policy version. A column's operator comes from the policy,
 * else the column is one of the platform's identifier columns and is pseudonymized, else it has none and its
 * values are scanned; a finding's operator comes from the policy's rule for its type, else it is replaced by
 * {@code <TYPE>}. The platform default policy ({@code default}, version 1) has no rules: exactly that fallback.
 */
public final class AnonymizationPolicy {

    public static final String DEFAULT_ID = "default";
    public static final int DEFAULT_VERSION = 1;

    private final String id;
    private final int version;
    private final Map<String, Operator> typeOperators;
    private final Map<String, Operator> columnOperators;

    private AnonymizationPolicy(String id, int version, Map<String, Operator> typeOperators,
                                Map<String, Operator> columnOperators) {
        this.id = id;
        this.version = version;
        this.typeOperators = Map.copyOf(typeOperators);
        this.columnOperators = Map.copyOf(columnOperators);
    }

    public static AnonymizationPolicy platformDefault(Set<String> identifierColumns) {
        return new AnonymizationPolicy(DEFAULT_ID, DEFAULT_VERSION, Map.of(), identifiers(identifierColumns));
    }

    /**
     * A policy version's operators.
     *
     * @throws PlatformException 400 naming every field at fault
     */
    public static AnonymizationPolicy of(String id, int version, PolicyRules rules, Set<String> identifierColumns) {
        PolicyRules.Compiled compiled = check(rules);
        Map<String, Operator> columns = identifiers(identifierColumns);
        columns.putAll(compiled.columns());
        return new AnonymizationPolicy(id, version, compiled.types(), columns);
    }

    /** @throws PlatformException 400 naming every field at fault */
    static PolicyRules.Compiled check(PolicyRules rules) {
        List<FieldError> errors = new ArrayList<>();
        PolicyRules.Compiled compiled = rules.compile(errors);
        if (!errors.isEmpty()) {
            throw new PlatformException(400, "invalid-request", "Invalid request", "The policy has invalid rules",
                    errors, Map.of());
        }
        return compiled;
    }

    public String id() {
        return id;
    }

    public int version() {
        return version;
    }

    public Operator forType(String type) {
        Operator operator = typeOperators.get(type);
        return operator == null ? Operator.Replace.PLACEHOLDER : operator;
    }

    /** The operator for the column's whole values, or null when its values are scanned. */
    public Operator forColumn(String column) {
        return column == null || columnOperators.isEmpty() ? null : columnOperators.get(normalized(column));
    }

    static String normalized(String column) {
        return column.strip().toLowerCase(Locale.ROOT);
    }

    private static Map<String, Operator> identifiers(Set<String> identifierColumns) {
        Map<String, Operator> columns = new HashMap<>();
        Operator pseudonymize = new Operator.Pseudonymize();
        identifierColumns.forEach(column -> columns.put(normalized(column), pseudonymize));
        return columns;
    }
}
