package dev.modelyard.privacy.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.privacy.pii.PiiType;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a policy says: an operator per entity type ({@code types}: a {@link PiiType} name to its operator)
 * and per column ({@code columns}: a CSV header or JSON key, compared case-insensitively, to its operator).
 * A column's operator takes the column's whole values, unscanned, so it wins over any type's.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PolicyRules(Map<String, OperatorSpec> types, Map<String, OperatorSpec> columns) {

    static final int MAX_COLUMN_NAME = 200;

    public PolicyRules {
        types = types == null ? Map.of() : new TreeMap<>(types);
        columns = columns == null ? Map.of() : new TreeMap<>(columns);
    }

    /** The operators, after adding everything wrong to {@code errors} (then the result is not to be used). */
    Compiled compile(List<FieldError> errors) {
        Map<String, Operator> typeOperators = new TreeMap<>();
        types.forEach((type, spec) -> {
            String field = "types." + type;
            if (Arrays.stream(PiiType.values()).noneMatch(known -> known.name().equals(type))) {
                errors.add(FieldError.field(field, "is not an entity type; known types are "
                        + Arrays.toString(PiiType.values())));
            } else if (spec == null) {
                errors.add(FieldError.field(field + ".operator", "is required"));
            } else {
                typeOperators.put(type, spec.toOperator(field, errors));
            }
        });
        Map<String, Operator> columnOperators = new TreeMap<>();
        columns.forEach((column, spec) -> {
            String field = "columns." + column;
            if (column.isBlank() || column.length() > MAX_COLUMN_NAME) {
                errors.add(FieldError.field(field, "must be a column name of 1 to " + MAX_COLUMN_NAME + " characters"));
            } else if (columnOperators.containsKey(AnonymizationPolicy.normalized(column))) {
                errors.add(FieldError.field(field, "names a column a second time (names ignore case)"));
            } else if (spec == null) {
                errors.add(FieldError.field(field + ".operator", "is required"));
            } else {
                columnOperators.put(AnonymizationPolicy.normalized(column), spec.toOperator(field, errors));
            }
        });
        return new Compiled(typeOperators, columnOperators);
    }

    record Compiled(Map<String, Operator> types, Map<String, Operator> columns) {
    }
}
