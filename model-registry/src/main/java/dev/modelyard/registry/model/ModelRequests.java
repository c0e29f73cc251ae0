package dev.modelyard.registry.model;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** Request bodies of the registered-model endpoints. */
public final class ModelRequests {

    /** Letters, digits, '.', '_' and '-', starting with a letter or digit: safe in URLs and model repositories. */
    public static final String NAME_PATTERN = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    /** The most tags a model or a version may carry. */
    public static final int MAX_TAGS = 50;

    private ModelRequests() {
    }

    public record Create(
            @NotBlank @Pattern(regexp = NAME_PATTERN, message = "must match " + NAME_PATTERN) String name,
            @Size(max = 2000) String description,
            @Size(max = MAX_TAGS) Map<@Size(min = 1, max = 64) String, @Size(max = 256) String> tags) {
    }

    public record Update(
            @Size(max = 2000) String description,
            @Size(max = MAX_TAGS) Map<@Size(min = 1, max = 64) String, @Size(max = 256) String> tags) {
    }
}
