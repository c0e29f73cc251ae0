package dev.modelyard.training.clients;

import dev.modelyard.common.error.PlatformException;

/**
 * Another service refused or failed a call. Reaching a caller it is a 502; background work retries when
 * the other side may recover ({@link #isRetryable()}) and gives up otherwise.
 */
public class UpstreamException extends PlatformException {

    /** The other service's HTTP status, or 0 when it could not be reached. */
    private final int upstreamStatus;

    UpstreamException(String service, int upstreamStatus, String detail) {
        super(502, "upstream-failed", "Bad gateway", service + ": " + detail);
        this.upstreamStatus = upstreamStatus;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** Unreachable, overloaded or failing: worth another try later. A 4xx will answer the same again. */
    public boolean isRetryable() {
        return upstreamStatus == 0 || upstreamStatus == 429 || upstreamStatus >= 500;
    }
}
