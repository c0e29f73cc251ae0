package dev.modelyard.registry.serving;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;

/**
 * A model named for use: {@code churn} (its {@code production} alias), {@code churn@staging} (an alias) or
 * {@code churn@3} (a version). Model names cannot contain '@' and aliases cannot be all digits, so each
 * form reads one way only.
 */
record ModelReference(String model, String ref) {

    static final String DEFAULT_ALIAS = "production";

    /** From a path name that may carry {@code @ref} and a separate {@code ref}; giving both is an error. */
    static ModelReference of(String name, String ref) {
        int at = name.indexOf('@');
        if (at < 0) {
            return new ModelReference(name, ref == null || ref.isBlank() ? DEFAULT_ALIAS : ref);
        }
        if (ref != null) {
            throw PlatformException.badRequest("The reference is given twice",
                    FieldError.field("ref", "leave it out when the name says '@" + name.substring(at + 1) + "'"));
        }
        return new ModelReference(name.substring(0, at), name.substring(at + 1));
    }

    /** The model's default reference, {@code churn} or {@code churn@production}: the one a traffic split applies to. */
    boolean isDefault() {
        return ref.equals(DEFAULT_ALIAS);
    }

    boolean isVersionNumber() {
        return ref.matches("\\d{1,9}");
    }
}
