package dev.modelyard.router.routing;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.InferParameter;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import io.grpc.Deadline;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When a call must be answered, as a {@link System#nanoTime()} instant: the earliest of the router's own
 * limit, the gRPC caller's deadline (its {@code grpc-timeout}) and the request's KServe {@code timeout}
 * parameter (microseconds, as Triton reads it). The backend gets what is left as its gRPC deadline.
 */
public final class CallDeadline {

    public static final String TIMEOUT_PARAMETER = "timeout";

    private CallDeadline() {
    }

    /**
     * @param callerDeadline the incoming gRPC call's deadline, or null (HTTP, or a gRPC caller that set none)
     */
    public static long of(Duration limit, Deadline callerDeadline, ModelInferRequest request, long nowNanos) {
        long remaining = limit.toNanos();
        if (callerDeadline != null) {
            remaining = Math.min(remaining, callerDeadline.timeRemaining(TimeUnit.NANOSECONDS));
        }
        InferParameter timeout = request.getParametersMap().get(TIMEOUT_PARAMETER);
        if (timeout != null) {
            long micros = switch (timeout.getParameterChoiceCase()) {
                case INT64_PARAM -> timeout.getInt64Param();
                case UINT64_PARAM -> timeout.getUint64Param();
                default -> 0;
            };
            if (micros <= 0) {
                String message = "must be a positive whole number of microseconds";
                throw PlatformException.badRequest("The timeout parameter " + message,
                        FieldError.field("parameters.timeout", message));
            }
            remaining = Math.min(remaining, TimeUnit.MICROSECONDS.toNanos(micros));
        }
        return nowNanos + remaining;
    }
}
