package dev.modelyard.training.clients;

import dev.modelyard.common.error.PlatformException;

/**
 * Another service refused or failed a call. Reaching a caller it is a 502; background work retries when
 * the other side may recover ({@link #isRetryable()}) and gives up otherwise.
 */
public class UpstreamException extends PlatformException {

    /** The other service's HTTP status, or 0 when it could not be reached. */
    private final int upstreamStatus;
    /** The {@code detail} of the other service's problem document, when it answered with one. */
    private final String upstreamDetail;

    UpstreamException(String service, int upstreamStatus, String detail) {
        this(service, upstreamStatus, detail, null);
    }

    UpstreamException(String service, int upstreamStatus, String detail, String upstreamDetail) {
        super(502, "upstream-failed", "Bad gateway", service + ": " + detail);
        this.upstreamStatus = upstreamStatus;
        this.upstreamDetail = upstreamDetail;
    }

    public int upstreamStatus() {
        return upstreamStatus;
    }

    /** What the other service said went wrong, in its own words when it gave them. */
    public String upstreamDetail() {
        return upstreamDetail != null ? upstreamDetail : getMessage();
    }

    /** Unreachable, overloaded or failing: worth another try later. A 4xx will answer the same again. */
    public boolean isRetryable() {
        return upstreamStatus == 0 || upstreamStatus == 429 || upstreamStatus >= 500;
    }
}
