package dev.modelyard.router.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.modelyard.common.error.PlatformException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FairQueueTest {

    private static final long MINUTE = Duration.ofMinutes(1).toNanos();

    @Test
    void oneTenantsBurstDoesNotStarveAnotherTenant() throws Exception {
        FairQueue queue = new FairQueue(2, 1000);
        BlockingQueue<Admitted> admitted = new LinkedBlockingQueue<>();
        FairQueue.Permit first = queue.acquire("burst", System.nanoTime() + MINUTE);
        FairQueue.Permit second = queue.acquire("burst", System.nanoTime() + MINUTE);

        List<Thread> callers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            callers.add(holdUntilReleased(queue, "burst", admitted));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting() == 40);
        callers.add(holdUntilReleased(queue, "quiet", admitted));
        await().atMost(Duration.ofSeconds(10)).until(() -> queue.waiting() == 41);

        // Freeing one slot at a time and holding each admitted call makes the admission order observable.
        List<String> served = new ArrayList<>();
        FairQueue.Permit freed = first;
        FairQueue.Permit stillHeld = second;
        for (int i = 0; i < 41; i++) {
            freed.close();
            Admitted next = admitted.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("call %d admitted", i + 1).isNotNull();
            served.add(next.tenant());
            freed = stillHeld;
            stillHeld = next.permit();
        }
        freed.close();
        stillHeld.close();
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

    private record Admitted(String tenant, FairQueue.Permit permit) {
    }

    /** A caller that takes a slot and passes it to the test, which decides when it is handed back. */
    private static Thread holdUntilReleased(FairQueue queue, String tenant, BlockingQueue<Admitted> admitted) {
        return Thread.ofPlatform().start(() -> admitted.add(new Admitted(tenant,
                queue.acquire(tenant, System.nanoTime() + MINUTE))));
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
