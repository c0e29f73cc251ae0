package dev.modelyard.common.error;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import org.jboss.logging.Logger;

/**
 * Answers a failure as RFC 9457 problem+json straight on a Vert.x response, for the routes that serve calls ahead of
 * the REST layer (the gateway's forwarding, the router's inference), as {@link ProblemMapper} does behind it.
 */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    /** {@code failure} as a problem: a {@link PlatformException} as it says, anything else a logged 500. */
    public static PlatformException of(Throwable failure, String path) {
        if (failure instanceof PlatformException platform) {
            return platform;
        }
        LOG.errorf(failure, "Unexpected failure on %s", path);
        return new PlatformException(500, "internal-error", "Internal error",
                "The request failed unexpectedly; it has been logged");
    }

    /** Ends {@code response} with the problem, its status and headers; {@code path} is the problem's instance. */
    public static Future<Void> send(HttpServerResponse response, PlatformException problem, String path,
                                    ObjectMapper json) {
        log(problem, path);
        response.setStatusCode(problem.status());
        problem.headers().forEach(response::putHeader);
        response.putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE);
        String body;
        try {
            body = json.writeValueAsString(problem.toProblem(path));
        } catch (JsonProcessingException e) {
            body = "";
        }
        return response.end(body);
    }

    /** A 5xx at ERROR, a 4xx at DEBUG: the caller's mistakes are the caller's to read. */
    static void log(PlatformException problem, String path) {
        if (problem.status() >= 500) {
            LOG.errorf("%s %s: %s", problem.status(), path, problem.getMessage());
        } else {
            LOG.debugf("%s %s: %s", problem.status(), path, problem.getMessage());
        }
    }
}
