package dev.modelyard.router.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
        FairQueue.Permit first = queue.acquireAsync("burst", System.nanoTime() + MINUTE).join();
        FairQueue.Permit second = queue.acquireAsync("burst", System.nanoTime() + MINUTE).join();

        for (int i = 0; i < 40; i++) {
            holdUntilReleased(queue, "burst", admitted);
        }
        holdUntilReleased(queue, "quiet", admitted);
        assertThat(queue.waiting()).isEqualTo(41);
        assertThat(admitted).as("no call admitted while both slots are held").isEmpty();

        // Freeing one slot at a time and holding each admitted call makes the admission order observable.
        List<String> served = new ArrayList<>();
        FairQueue.Permit freed = first;
        FairQueue.Permit stillHeld = second;
        for (int i = 0; i < 41; i++) {
            freed.close();
            Admitted next = admitted.poll(10, TimeUnit.SECONDS);
            assertThat(next).as("call %d admitted", i + 1).isNotNull();
            assertThat(admitted).as("one freed slot admits one call").isEmpty();
            served.add(next.tenant());
            freed = stillHeld;
            stillHeld = next.permit();
        }
        freed.close();
        stillHeld.close();
        // First come, first served would put the quiet tenant's one call 41st; turns put it 2nd.
        assertThat(served).hasSize(41);
        assertThat(served.indexOf("quiet")).isLessThanOrEqualTo(1);
        assertThat(queue.running()).isZero();
        assertThat(queue.waiting()).isZero();
    }

    @Test
    void slotsFreeUpForEveryTenantInTurn() {
        FairQueue queue = new FairQueue(1, 1000);
        List<String> served = new CopyOnWriteArrayList<>();
        FairQueue.Permit held = queue.acquireAsync("a", System.nanoTime() + MINUTE).join();
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (String tenant : List.of("a", "a", "a", "b", "b", "c")) {
            calls.add(call(queue, tenant, served));
        }
        assertThat(queue.waiting()).isEqualTo(6);
        held.close();
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
        assertThat(served).containsExactly("a", "b", "c", "a", "b", "a");
        assertThat(queue.running()).isZero();
    }

    @Test
    void aWaitingCallHoldsNoThreadAndIsAdmittedOnTheThreadThatFreesTheSlot() throws Exception {
        FairQueue queue = new FairQueue(1, 10);
        FairQueue.Permit held = queue.acquireAsync("a", System.nanoTime() + MINUTE).join();
        CompletableFuture<Thread> admittedOn = queue.acquireAsync("b", System.nanoTime() + MINUTE)
                .thenApply(permit -> {
                    permit.close();
                    return Thread.currentThread();
                });
        assertThat(admittedOn).isNotDone();
        Thread releaser = Thread.ofPlatform().name("releaser").start(held::close);
        releaser.join(10_000);
        assertThat(admittedOn.get(10, TimeUnit.SECONDS)).isSameAs(releaser);
        assertThat(queue.running()).isZero();
    }

    @Test
    void aTenantWithTooManyWaitingIsRefusedAndAWaitPastTheDeadlineGivesUp() {
        FairQueue queue = new FairQueue(1, 0);
        FairQueue.Permit held = queue.acquireAsync("a", System.nanoTime() + MINUTE).join();
        assertThat(queue.acquireAsync("a", System.nanoTime() + MINUTE)).isCompletedExceptionally();
        assertThatThrownBy(() -> queue.acquire("a", System.nanoTime() + MINUTE))
                .isInstanceOfSatisfying(PlatformException.class, e -> assertThat(e.status()).isEqualTo(429));

        FairQueue patient = new FairQueue(1, 10);
        FairQueue.Permit busy = patient.acquireAsync("a", System.nanoTime() + MINUTE).join();
        CompletableFuture<FairQueue.Permit> late = patient.acquireAsync("b",
                System.nanoTime() + Duration.ofMillis(50).toNanos());
        assertThat(patient.waiting()).isOne();
        assertThatThrownBy(late::join).isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(PlatformException.class, e -> {
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

    /** A call that takes a slot and passes it to the test, which decides when it is handed back. */
    private static void holdUntilReleased(FairQueue queue, String tenant, BlockingQueue<Admitted> admitted) {
        queue.acquireAsync(tenant, System.nanoTime() + MINUTE).thenAccept(permit -> admitted.add(new Admitted(tenant,
                permit)));
    }

    /** A call that takes a slot, notes its tenant and hands the slot back. */
    private static CompletableFuture<Void> call(FairQueue queue, String tenant, List<String> served) {
        return queue.acquireAsync(tenant, System.nanoTime() + MINUTE).thenAccept(permit -> {
            try (permit) {
                served.add(tenant);
            }
        });
    }
}
