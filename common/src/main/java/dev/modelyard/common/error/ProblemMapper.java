package dev.modelyard.common.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Renders every failure as RFC 9457 problem+json: no stack traces, 5xx at ERROR, 4xx at DEBUG. */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    @ServerExceptionMapper
    public Response platform(PlatformException e, UriInfo uri) {
        return render(e, uri);
    }

    @ServerExceptionMapper
    public Response constraintViolation(ConstraintViolationException e, UriInfo uri) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> FieldError.field(fieldOf(v), v.getMessage()))
                .sorted((a, b) -> a.field().compareTo(b.field()))
                .collect(Collectors.toList());
        return render(PlatformException.badRequest("The request has invalid fields",
                errors.toArray(FieldError[]::new)), uri);
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        JsonLocation location = e.getLocation();
        String field = e instanceof JsonMappingException mapping ? pathOf(mapping) : null;
        FieldError error = new FieldError(field, location == null ? null : (long) location.getLineNr(),
                e.getOriginalMessage());
        return render(PlatformException.badRequest("The request body is not valid JSON for this endpoint", error), uri);
    }

    /** Also for the mismatched-type case, which Quarkus would otherwise answer in plain JSON. */
    @ServerExceptionMapper
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return unreadableJson(e, uri);
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return render(PlatformException.unauthorized(
                e.getMessage() == null ? "Missing or invalid credentials" : e.getMessage()), uri);
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return render(PlatformException.unauthorized("Missing or invalid credentials"), uri);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return render(PlatformException.forbidden("Your role does not allow this operation"), uri);
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        String slug = status.getReasonPhrase().toLowerCase().replace(' ', '-');
        PlatformException problem = new PlatformException(status.getStatusCode(), slug,
                status.getReasonPhrase(), detailOf(e, status));
        return render(problem, uri);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (clientWentAway(e)) {
            // Nobody reads this answer; the request's own clean-up has already run.
            LOG.infof("The client closed the connection during %s", uri.getPath());
            return render(new PlatformException(400, "client-closed-request", "Client closed the request",
                    "The connection closed before the request was complete"), uri);
        }
        return render(ProblemResponses.of(e, uri.getPath()), uri);
    }

    /** A client that hangs up mid-upload shows up as a closed channel somewhere in the cause chain. */
    static boolean clientWentAway(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.nio.channels.ClosedChannelException
                    || (cause.getMessage() != null && cause.getMessage().contains("Connection was closed"))) {
                return true;
            }
        }
        return false;
    }

    static Response render(PlatformException e, UriInfo uri) {
        ProblemResponses.log(e, uri.getPath());
        Response.ResponseBuilder response = Response.status(e.status())
                .type(Problem.MEDIA_TYPE)
                .entity(e.toProblem(uri.getPath()));
        e.headers().forEach(response::header);
        return response.build();
    }

    private static String detailOf(WebApplicationException e, Response.StatusType status) {
        return switch (status.getStatusCode()) {
            case 404 -> "No such resource";
            case 405 -> "This method is not allowed on this resource";
            case 415 -> "This endpoint does not accept that content type";
            case 406 -> "This endpoint cannot produce the requested media type";
            default -> e.getMessage() == null ? status.getReasonPhrase() : e.getMessage();
        };
    }

    /**
     * {@code create.request.artifactSha256} (method, parameter, property) becomes
     * {@code artifact_sha256}: the name the client wrote, as the API's JSON is snake_case.
     */
    static String fieldOf(ConstraintViolation<?> violation) {
        String path = violation.getPropertyPath().toString();
        String[] parts = path.split("\\.");
        String field = parts.length > 2 ? String.join(".", java.util.Arrays.copyOfRange(parts, 2, parts.length))
                : parts[parts.length - 1];
        return SNAKE_CASE.translate(field);
    }

    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE_CASE = new PropertyNamingStrategies.SnakeCaseStrategy();

    private static String pathOf(JsonMappingException e) {
        List<String> parts = new ArrayList<>();
        for (JsonMappingException.Reference ref : e.getPath()) {
            parts.add(ref.getFieldName() != null ? ref.getFieldName() : Integer.toString(ref.getIndex()));
        }
        return parts.isEmpty() ? null : String.join(".", parts);
    }
}
