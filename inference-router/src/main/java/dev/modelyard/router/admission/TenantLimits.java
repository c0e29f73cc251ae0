package dev.modelyard.router.admission;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one tenant may ask of this router at once: a request size and a number of calls in flight. The
 * limits are the same for every tenant until plans carry their own.
 */
public final class TenantLimits {

    /** A call counted against its tenant's concurrency until closed. */
    public interface Admission extends AutoCloseable {
        @Override
        void close();
    }

    private final int maxConcurrent;
    private final long maxRequestBytes;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public TenantLimits(int maxConcurrent, long maxRequestBytes) {
        this.maxConcurrent = maxConcurrent;
        this.maxRequestBytes = maxRequestBytes;
    }

    /**
     * @throws PlatformException 413 naming {@code inputs} for a request over the size limit, 429 with
     *                           Retry-After when the tenant already has its most calls in flight
     */
    public Admission admit(String tenant, long requestBytes) {
        if (requestBytes > maxRequestBytes) {
            String message = "The request's tensors take " + requestBytes + " bytes; at most " + maxRequestBytes
                    + " are accepted in one call: split the batch";
            throw new PlatformException(413, "request-too-large", "Request too large", message,
                    List.of(FieldError.field("inputs", message)), Map.of());
        }
        AtomicInteger count = inFlight.computeIfAbsent(tenant, t -> new AtomicInteger());
        if (count.incrementAndGet() > maxConcurrent) {
            count.decrementAndGet();
            throw PlatformException.tooManyRequests("Your tenant already has " + maxConcurrent
                    + " inference calls in flight; wait for some to finish", 1);
        }
        return count::decrementAndGet;
    }

    /** The tenant's calls in flight now. */
    public int inFlight(String tenant) {
        AtomicInteger count = inFlight.get(tenant);
        return count == null ? 0 : count.get();
    }
}
