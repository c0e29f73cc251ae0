package dev.modelyard.router.resolve;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResolutionCacheTest {

    private static final ModelReference CHURN = new ModelReference("churn", "production");
    private static final ModelReference CHURN_STAGING = new ModelReference("churn", "staging");

    private final AtomicLong clock = new AtomicLong();
    private final ResolutionCache cache = new ResolutionCache(Duration.ofSeconds(60), clock::get);
    private final AtomicInteger lookups = new AtomicInteger();

    @Test
    void reusesAnAnswerPerTenantUntilItExpires() {
        resolve("acme", CHURN);
        resolve("acme", CHURN);
        resolve("globex", CHURN);
        assertThat(lookups).hasValue(2);

        clock.addAndGet(Duration.ofSeconds(60).toNanos());
        resolve("acme", CHURN);
        assertThat(lookups).hasValue(3);
    }

    @Test
    void anAliasMoveDropsEveryReferenceToThatModelOfThatTenantOnly() {
        resolve("acme", CHURN);
        resolve("acme", CHURN_STAGING);
        resolve("globex", CHURN);

        cache.invalidate("acme", "churn");
        resolve("acme", CHURN);
        resolve("acme", CHURN_STAGING);
        resolve("globex", CHURN);
        assertThat(lookups).hasValue(5);
    }

    @Test
    void doesNotKeepAnAnswerLookedUpWhileAnInvalidationHappened() {
        cache.get("acme", CHURN, () -> {
            cache.invalidate("acme", "churn");
            return resolution();
        });
        assertThat(cache.size()).isZero();
    }

    @Test
    void clearingForgetsEverything() {
        resolve("acme", CHURN);
        resolve("globex", CHURN);
        cache.clear();
        assertThat(cache.size()).isZero();
    }

    private void resolve(String tenant, ModelReference reference) {
        cache.get(tenant, reference, () -> {
            lookups.incrementAndGet();
            return resolution();
        });
    }

    private static ServingResolution resolution() {
        return new ServingResolution("churn", "2", "rm-1", "2", List.of(), List.of(), List.of(), List.of());
    }
}
