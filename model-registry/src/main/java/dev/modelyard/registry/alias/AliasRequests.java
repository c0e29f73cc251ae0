package dev.modelyard.registry.alias;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

/** Request bodies of the alias endpoints. */
public final class AliasRequests {

    /** Lowercase, starting with a letter: never mistaken for a version number in a reference like {@code churn@3}. */
    public static final String ALIAS_PATTERN = "[a-z][a-z0-9_-]{0,31}";

    private AliasRequests() {
    }

    public record Set(@NotNull @Min(1) Integer version) {
    }
}
