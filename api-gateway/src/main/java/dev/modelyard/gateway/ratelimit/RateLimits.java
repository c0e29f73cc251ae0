package dev.modelyard.gateway.ratelimit;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.gateway.auth.Admission;
import jakarta.enterprise.context.ApplicationScoped;

/** Applies the key's own rate (if any) and the tenant's rate to every admitted request. */
@ApplicationScoped
public class RateLimits {

    private final RateLimiter limiter = new InMemoryRateLimiter(System::nanoTime);

    /** @throws PlatformException 429 with {@code Retry-After} when either rate is exhausted */
    public void check(Admission admission) {
        if (admission.keyRequestsPerMinute() != null) {
            long wait = limiter.tryAcquire("key:" + admission.caller().apiKeyId(), admission.keyRequestsPerMinute());
            if (wait > 0) {
                throw PlatformException.tooManyRequests("This API key allows " + admission.keyRequestsPerMinute()
                        + " requests per minute", wait);
            }
        }
        if (admission.tenantRequestsPerMinute() > 0) {
            long wait = limiter.tryAcquire("tenant:" + admission.caller().tenant(), admission.tenantRequestsPerMinute());
            if (wait > 0) {
                throw PlatformException.tooManyRequests("Tenant '" + admission.caller().tenant() + "' allows "
                        + admission.tenantRequestsPerMinute() + " requests per minute", wait);
            }
        }
    }
}
