package dev.modelyard.router.resolve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ResolutionCacheTest {

    private static final ModelReference CHURN = new ModelReference("churn", "production");
    private static final ModelReference CHURN_STAGING = new ModelReference("churn", "staging");
    private static final Duration TTL = Duration.ofSeconds(60);
    private static final int CALLERS = 16;

    private final AtomicLong clock = new AtomicLong();
    /** Background refreshes wait here until a test runs them. */
    private final ConcurrentLinkedQueue<Runnable> refreshes = new ConcurrentLinkedQueue<>();
    private final ResolutionCache cache = new ResolutionCache(TTL, clock::get, refreshes::add);
    private final AtomicInteger lookups = new AtomicInteger();
    private final ExecutorService callers = Executors.newFixedThreadPool(CALLERS);

    @AfterEach
    void stopCallers() {
        callers.shutdownNow();
    }

    @Test
    void reusesAnAnswerPerTenantUntilItExpires() {
        resolve("acme", CHURN);
        resolve("acme", CHURN);
        resolve("globex", CHURN);
        assertThat(lookups).hasValue(2);
        assertThat(refreshes).isEmpty();

        clock.addAndGet(TTL.toNanos());
        resolve("acme", CHURN);
        assertThat(refreshes).hasSize(1);
        refreshes.poll().run();
        assertThat(lookups).hasValue(3);
    }

    @Test
    void concurrentCallersOfAnExpiredEntryGetItWhileExactlyOneLookupRefreshesIt() throws Exception {
        cache.get("acme", CHURN, () -> resolution("1"));
        clock.addAndGet(TTL.toNanos());

        List<Future<ServingResolution>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            answers.add(callers.submit(() -> cache.get("acme", CHURN, () -> {
                lookups.incrementAndGet();
                return resolution("2");
            })));
        }
        for (Future<ServingResolution> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).version()).isEqualTo("1");
        }
        assertThat(refreshes).hasSize(1);
        refreshes.poll().run();
        assertThat(lookups).hasValue(1);

        assertThat(cache.get("acme", CHURN, () -> resolution("3")).version()).isEqualTo("2");
        assertThat(refreshes).isEmpty();
    }

    @Test
    void concurrentCallersOfAMissingEntryShareOneLookup() throws Exception {
        CountDownLatch lookupStarted = new CountDownLatch(1);
        CountDownLatch registryAnswers = new CountDownLatch(1);
        List<Future<ServingResolution>> answers = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            answers.add(callers.submit(() -> cache.get("acme", CHURN, () -> {
                lookups.incrementAndGet();
                lookupStarted.countDown();
                await(registryAnswers);
                return resolution("1");
            })));
        }
        assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).isTrue();
        // Let every caller reach the cache before the registry answers.
        Thread.sleep(200);
        registryAnswers.countDown();
        for (Future<ServingResolution> answer : answers) {
            assertThat(answer.get(10, TimeUnit.SECONDS).version()).isEqualTo("1");
        }
        assertThat(lookups).hasValue(1);
    }

    @Test
    void aCallerWhoseSharedLookupWasRefusedAnotherCallersCredentialsLooksUpItself() throws Exception {
        CountDownLatch lookupStarted = new CountDownLatch(1);
        CountDownLatch registryAnswers = new CountDownLatch(1);
        Future<ServingResolution> refused = callers.submit(() -> cache.get("acme", CHURN, () -> {
            lookupStarted.countDown();
            await(registryAnswers);
            throw PlatformException.forbidden("The caller may not use model 'churn'");
        }));
        assertThat(lookupStarted.await(10, TimeUnit.SECONDS)).isTrue();
        Future<ServingResolution> allowed = callers.submit(() -> cache.get("acme", CHURN, () -> resolution("1")));
        // Let the second caller join the lookup in flight before the registry answers.
        Thread.sleep(200);
        registryAnswers.countDown();

        assertThat(allowed.get(10, TimeUnit.SECONDS).version()).isEqualTo("1");
        assertThatThrownBy(() -> refused.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(PlatformException.class);
    }

    @Test
    void anEntryTooOldToServeStaleIsLookedUpBeforeAnswering() {
        cache.get("acme", CHURN, () -> resolution("1"));
        clock.addAndGet(2 * TTL.toNanos());

        assertThat(cache.get("acme", CHURN, () -> resolution("2")).version()).isEqualTo("2");
        assertThat(refreshes).isEmpty();
    }

    @Test
    void anInvalidatedEntryIsNeverAnsweredStale() {
        cache.get("acme", CHURN, () -> resolution("1"));
        cache.invalidate("acme", "churn");
        assertThat(cache.get("acme", CHURN, () -> resolution("2")).version()).isEqualTo("2");

        clock.addAndGet(TTL.toNanos());
        assertThat(cache.get("acme", CHURN, () -> resolution("3")).version()).isEqualTo("2");
        assertThat(refreshes).hasSize(1);
        cache.invalidate("acme", "churn");
        // The refresh in flight began before the move: this caller must not wait for it nor get its answer.
        assertThat(cache.get("acme", CHURN, () -> resolution("4")).version()).isEqualTo("4");

        refreshes.poll().run();
        assertThat(cache.get("acme", CHURN, () -> resolution("5")).version()).isEqualTo("4");
    }

    @Test
    void aFailedRefreshIsNotHiddenBehindTheStaleEntry() {
        cache.get("acme", CHURN, () -> resolution("1"));
        clock.addAndGet(TTL.toNanos());
        cache.get("acme", CHURN, () -> {
            throw PlatformException.notFound("model", "churn");
        });
        refreshes.poll().run();

        assertThat(cache.size()).isZero();
        assertThatThrownBy(() -> cache.get("acme", CHURN, () -> {
            throw PlatformException.notFound("model", "churn");
        })).isInstanceOf(PlatformException.class);
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
        return resolution("2");
    }

    private static ServingResolution resolution(String version) {
        return new ServingResolution("churn", version, "rm-1", version, List.of(), List.of(), List.of(), List.of());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
