package dev.modelyard.common.error;

import java.util.List;
import java.util.Map;

/**
 * The one exception type domain code throws for an expected failure. It knows its HTTP status and
 * its problem type, so {@link ProblemMapper} renders every error the same way.
 */
public class PlatformException extends RuntimeException {

    private final int status;
    private final String typeSlug;
    private final String title;
    private final List<FieldError> errors;
    private final Map<String, String> headers;

    public PlatformException(int status, String typeSlug, String title, String detail,
                             List<FieldError> errors, Map<String, String> headers) {
        super(detail);
        this.status = status;
        this.typeSlug = typeSlug;
        this.title = title;
        this.errors = List.copyOf(errors);
        this.headers = Map.copyOf(headers);
    }

    public PlatformException(int status, String typeSlug, String title, String detail) {
        this(status, typeSlug, title, detail, List.of(), Map.of());
    }

    public static PlatformException badRequest(String detail, FieldError... errors) {
        return new PlatformException(400, "invalid-request", "Invalid request", detail, List.of(errors), Map.of());
    }

    /** Cross-tenant reads land here too: another tenant's object simply does not exist. */
    public static PlatformException notFound(String kind, String id) {
        return new PlatformException(404, "not-found", "Not found", kind + " '" + id + "' does not exist");
    }

    public static PlatformException conflict(String detail) {
        return new PlatformException(409, "conflict", "Conflict", detail);
    }

    public static PlatformException unauthorized(String detail) {
        return new PlatformException(401, "unauthorized", "Unauthorized", detail, List.of(),
                Map.of("WWW-Authenticate", "Bearer"));
    }

    public static PlatformException forbidden(String detail) {
        return new PlatformException(403, "forbidden", "Forbidden", detail);
    }

    public static PlatformException tooManyRequests(String detail, long retryAfterSeconds) {
        return new PlatformException(429, "rate-limited", "Too many requests", detail, List.of(),
                Map.of("Retry-After", Long.toString(retryAfterSeconds)));
    }

    public int status() {
        return status;
    }

    public String typeSlug() {
        return typeSlug;
    }

    public String title() {
        return title;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(typeSlug), title, status, getMessage(), instance, errors);
    }
}
