package dev.modelyard.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;

/** One thing wrong with a request: the field (a JSON pointer-ish path or column name) and/or line at fault. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record FieldError(String field, Long line, String message) {

    public static FieldError field(String field, String message) {
        return new FieldError(field, null, message);
    }

    public static FieldError line(long line, String field, String message) {
        return new FieldError(field, line, message);
    }
}
