package dev.modelyard.router.resolve;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;

/**
 * A model named for use: {@code churn} (its {@code production} alias), {@code churn@staging} (an alias)
 * or {@code churn@3} (version 3). KServe's {@code /versions/3} path and gRPC's {@code model_version} name a
 * version separately.
 *
 * @param name the registered model's name
 * @param ref  an alias or a version number, as the registry's {@code ?ref=} takes it
 */
public record ModelReference(String name, String ref) {

    public static final String DEFAULT_ALIAS = "production";

    /**
     * @param named   the model as the caller wrote it
     * @param version the version named separately, or {@code null}/blank when there is none
     */
    public static ModelReference parse(String named, String version) {
        if (named == null || named.isBlank()) {
            throw invalid("name", "A model name is required");
        }
        boolean versionGiven = version != null && !version.isBlank();
        if (versionGiven && !version.chars().allMatch(Character::isDigit)) {
            throw invalid("version", "Version '" + version + "' is not a version number");
        }
        int at = named.indexOf('@');
        if (at < 0) {
            return new ModelReference(named, versionGiven ? version : DEFAULT_ALIAS);
        }
        if (versionGiven) {
            throw invalid("version", "Name the version either after '@' or separately, not both");
        }
        String name = named.substring(0, at);
        String ref = named.substring(at + 1);
        if (name.isEmpty() || ref.isEmpty() || ref.indexOf('@') >= 0) {
            throw invalid("name", "'" + named + "' is not a model reference; use name, name@alias or name@version");
        }
        return new ModelReference(name, ref);
    }

    private static PlatformException invalid(String field, String message) {
        return PlatformException.badRequest(message, FieldError.field(field, message));
    }

    @Override
    public String toString() {
        return name + "@" + ref;
    }
}
