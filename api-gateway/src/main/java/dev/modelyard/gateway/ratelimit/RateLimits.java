package dev.modelyard.gateway.ratelimit;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.auth.Admission;
import jakarta.inject.Singleton;

/** Applies the key's own rate (if any) and the tenant's rate to every admitted request. */
@Singleton // used on every request: no client proxy to go through each time
public class RateLimits {

    // One limiter per kind of bucket, so a bucket is named by the key's or tenant's id as it is, with no
    // name built for each request.
    private final RateLimiter keys = new InMemoryRateLimiter(System::nanoTime);
    private final RateLimiter tenants = new InMemoryRateLimiter(System::nanoTime);

    /** @throws PlatformException 429 with {@code Retry-After} when either rate is exhausted */
    public void check(Admission admission) {
        if (admission.keyRequestsPerMinute() != null) {
            long wait = keys.tryAcquire(admission.caller().apiKeyId(), admission.keyRequestsPerMinute());
            if (wait > 0) {
                throw PlatformException.tooManyRequests("This API key allows " + admission.keyRequestsPerMinute()
                        + " requests per minute", wait);
            }
        }
        if (admission.tenantRequestsPerMinute() > 0) {
            long wait = tenants.tryAcquire(admission.caller().tenant(), admission.tenantRequestsPerMinute());
            if (wait > 0) {
                throw PlatformException.tooManyRequests("Tenant '" + admission.caller().tenant() + "' allows "
                        + admission.tenantRequestsPerMinute() + " requests per minute", wait);
            }
        }
    }
}
