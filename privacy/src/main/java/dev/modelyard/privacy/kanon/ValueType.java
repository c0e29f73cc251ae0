package dev.modelyard.privacy.kanon;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The kinds of quasi-identifier a request can declare, each with its way of generalizing. */
enum ValueType {
    NUMBER, DATE, POSTAL_CODE, CATEGORY;

    /** The names a request uses. */
    static final String NAMES = String.join(", ", Arrays.stream(values()).map(ValueType::jsonName).toList());

    static Optional<ValueType> of(String name) {
        return Arrays.stream(values()).filter(type -> type.jsonName().equals(name)).findFirst();
    }

    String jsonName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Only a category's generalizations come from the user; the others follow from the values. */
    boolean takesHierarchy() {
        return this == CATEGORY;
    }

    Hierarchy hierarchy(Set<String> values, Map<String, List<String>> userHierarchy) {
        return switch (this) {
            case NUMBER -> Hierarchy.numbers(values);
            case DATE -> Hierarchy.dates(values);
            case POSTAL_CODE -> Hierarchy.postalCodes(values);
            case CATEGORY -> Hierarchy.categories(userHierarchy, values);
        };
    }
}
