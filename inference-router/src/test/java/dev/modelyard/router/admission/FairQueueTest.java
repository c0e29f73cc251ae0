package dev.modelyard.router.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.modelyard.common.error.PlatformException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void oneTenantsBurstDoesNotStarveAnotherTenant() throws Exception {
        FairQueue queue = new FairQueue(2, 1000);
        List<String> served = new CopyOnWriteArrayList<>();
        FairQueue.Permit first = queue.acquire("burst", System.nanoTime() + MINUTE);
        FairQueue.Permit second = queue.acquire("burst", System.nanoTime() + MINUTE);

        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            callers.add(call(queue, "burst", served));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting() == 40);
        callers.add(call(queue, "quiet", served));
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting() == 41);

        first.close();
        second.close();
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        // First come, first served would put the quiet tenant's one call 41st; turns put it 2nd.
        assertThat(served).hasSize(41);
        assertThat(served.indexOf("quiet")).isLessThanOrEqualTo(1);
        assertThat(queue.running()).isZero();
    }

    @Test
    void slotsFreeUpForEveryTenantInTurn() throws Exception {
        FairQueue queue = new FairQueue(1, 1000);
        List<String> served = new CopyOnWriteArrayList<>();
        FairQueue.Permit held = queue.acquire("a", System.nanoTime() + MINUTE);
        List<Thread> callers = new ArrayList<>();
        for (String tenant : List.of("a", "a", "a", "b", "b", "c")) {
            callers.add(call(queue, tenant, served));
            int expected = callers.size();
            await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting() == expected);
        }
        held.close();
        for (Thread caller : callers) {
            caller.join(10_000);
        }
        assertThat(served).containsExactly("a", "b", "c", "a", "b", "a");
    }

    @Test
    void aTenantWithTooManyWaitingIsRefusedAndAWaitPastTheDeadlineGivesUp() {
        FairQueue queue = new FairQueue(1, 0);
        FairQueue.Permit held = queue.acquire("a", System.nanoTime() + MINUTE);
        assertThatThrownBy(() -> queue.acquire("a", System.nanoTime() + MINUTE))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.status()).isEqualTo(429));

        FairQueue patient = new FairQueue(1, 10);
        FairQueue.Permit busy = patient.acquire("a", System.nanoTime() + MINUTE);
        assertThatThrownBy(() -> patient.acquire("b", System.nanoTime() + Duration.ofMillis(50).toNanos()))
                .isInstanceOfSatisfying(PlatformException.class, e -> {
                    assertThat(e.status()).isEqualTo(503);
                    assertThat(e.headers()).containsKey("Retry-After");
                });
        assertThat(patient.waiting()).isZero();
        busy.close();
        held.close();
        assertThat(patient.running()).isZero();
        assertThat(queue.running()).isZero();
    }

    /** A caller that takes a slot, notes its tenant and hands the slot back. */
    private static Thread call(FairQueue queue, String tenant, List<String> served) {
        return Thread.ofPlatform().start(() -> {
            try (FairQueue.Permit permit = queue.acquire(tenant, System.nanoTime() + MINUTE)) {
                served.add(tenant);
            }
        });
    }
}
