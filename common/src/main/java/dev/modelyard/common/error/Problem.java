package dev.modelyard.common.error;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is a stable URI per kind of error; {@code errors}
 * lists the fields or lines at fault when there are any.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance,
                      List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://modelyard.dev/problems/";

    public static String type(String slug) {
        return TYPE_BASE + slug;
    }
}
