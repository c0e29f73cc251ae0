package dev.modelyard.training.job;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a job starts from: {@code tabular-classifier} (a new model), or a registered model of the tenant,
 * named as everywhere on the platform: {@code churn} (its {@code production} alias), {@code churn@staging}
 * (an alias) or {@code churn@3} (version 3).
 */
public record ModelReference(String name, String alias, Integer version) {

    public static final String FROM_SCRATCH = "tabular-classifier";
    public static final String DEFAULT_ALIAS = "production";

    /** The registry's rule for model names. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Pattern VERSION = Pattern.compile("[1-9][0-9]{0,8}");
    /** The registry's rule for aliases. */
    private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** The reference, or empty when {@code text} is not one. */
    public static Optional<ModelReference> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        if (FROM_SCRATCH.equals(text)) {
            return Optional.of(new ModelReference(FROM_SCRATCH, null, null));
        }
        int at = text.indexOf('@');
        String name = at < 0 ? text : text.substring(0, at);
        String ref = at < 0 ? DEFAULT_ALIAS : text.substring(at + 1);
        if (!NAME.matcher(name).matches()) {
            return Optional.empty();
        }
        if (VERSION.matcher(ref).matches()) {
            return Optional.of(new ModelReference(name, null, Integer.parseInt(ref)));
        }
        return ALIAS.matcher(ref).matches() ? Optional.of(new ModelReference(name, ref, null)) : Optional.empty();
    }

    public boolean isFromScratch() {
        return alias == null && version == null;
    }

    @Override
    public String toString() {
        return isFromScratch() ? name : name + "@" + (version != null ? version.toString() : alias);
    }
}
