package dev.modelyard.router.metering;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsageSpoolTest {

    private static final long MiB = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void readsBackWhatWasAppendedInOrderAcrossSegments() throws IOException {
        try (UsageSpool spool = UsageSpool.open(directory, 1024, MiB)) {
            List<UsageEvent> written = IntStream.range(0, 50).mapToObj(UsageSpoolTest::event).toList();
            for (UsageEvent event : written) {
                assertThat(spool.append(event)).isTrue();
            }
            assertThat(segments()).hasSizeGreaterThan(3);
            assertThat(readAll(spool, spool.deliveredOffset(), 7)).containsExactlyElementsOf(written);
            assertThat(spool.pendingEvents()).isEqualTo(50);
        }
    }

    @Test
    void filledSegmentsAreClosedByTheNextSyncNotByTheAppendThatFilledThem() throws IOException {
        try (UsageSpool spool = UsageSpool.open(directory, 1024, MiB)) {
            for (int i = 0; i < 50; i++) {
                spool.append(event(i));
            }
            int segments = segments().size();
            assertThat(segments).isGreaterThan(3);
            assertThat(openSegmentFiles()).as("the appends waited for no fsync or close").isEqualTo(segments);

            spool.sync();

            assertThat(openSegmentFiles()).as("only the active segment stays open").isEqualTo(1);
            assertThat(readAll(spool, spool.deliveredOffset(), 50)).hasSize(50);
        }
    }

    /** This process's open files in the spool's directory (Linux). */
    private long openSegmentFiles() throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.filter(descriptor -> {
                try {
                    return Files.readSymbolicLink(descriptor).startsWith(directory.toRealPath());
                } catch (IOException gone) {
                    return false;
                }
            }).count();
        }
    }

    @Test
    void replaysOnlyWhatWasNotDeliveredAfterAProcessThatNeverClosedIt() throws IOException {
        UsageSpool crashed = UsageSpool.open(directory, 1024, MiB);
        for (int i = 0; i < 30; i++) {
            crashed.append(event(i));
        }
        crashed.markDelivered(crashed.read(crashed.deliveredOffset(), 12));
        // No close(): a killed process leaves its files as they are.

        try (UsageSpool reopened = UsageSpool.open(directory, 1024, MiB)) {
            assertThat(reopened.pendingEvents()).isEqualTo(18);
            assertThat(readAll(reopened, reopened.deliveredOffset(), 5)).extracting(UsageEvent::id)
                    .containsExactlyElementsOf(IntStream.range(12, 30).mapToObj(i -> "ue-" + i).toList());
        }
    }

    @Test
    void cutsATornTailAtEveryPossibleLengthAndKeepsAppending() throws IOException {
        int frameBytes;
        try (UsageSpool spool = UsageSpool.open(directory, MiB, MiB)) {
            spool.append(event(0));
            frameBytes = (int) spool.spooledBytes();
        }
        byte[] wholeFrame = Files.readAllBytes(onlySegment());
        for (int torn = 1; torn < frameBytes; torn++) {
            Path segment = onlySegment();
            Files.write(segment, wholeFrame);
            Files.write(segment, Arrays.copyOf(wholeFrame, torn), StandardOpenOption.APPEND);

            try (UsageSpool recovered = UsageSpool.open(directory, MiB, MiB)) {
                assertThat(recovered.pendingEvents()).as("torn after %d bytes", torn).isEqualTo(1);
                assertThat(Files.size(segment)).isEqualTo(frameBytes);
                recovered.append(event(1));
                assertThat(readAll(recovered, 0, 10)).extracting(UsageEvent::id).containsExactly("ue-0", "ue-1");
            }
            Files.write(segment, wholeFrame);
        }
    }

    @Test
    void dropsARecordWhosePayloadFailsItsChecksumAndWhatFollowsIt() throws IOException {
        try (UsageSpool spool = UsageSpool.open(directory, MiB, MiB)) {
            for (int i = 0; i < 3; i++) {
                spool.append(event(i));
            }
        }
        Path segment = onlySegment();
        long size = Files.size(segment);
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
            long secondRecordPayload = size / 3 + UsageSpool.HEADER_BYTES + 5;
            channel.write(ByteBuffer.wrap(new byte[] {'#'}), secondRecordPayload);
        }

        try (UsageSpool recovered = UsageSpool.open(directory, MiB, MiB)) {
            assertThat(readAll(recovered, 0, 10)).extracting(UsageEvent::id).containsExactly("ue-0");
        }
    }

    @Test
    void deletesSegmentsOnceEverythingInThemIsDelivered() throws IOException {
        try (UsageSpool spool = UsageSpool.open(directory, 1024, MiB)) {
            for (int i = 0; i < 50; i++) {
                spool.append(event(i));
            }
            UsageSpool.Batch all = spool.read(0, 1000);
            spool.markDelivered(all);

            assertThat(segments()).hasSize(1);
            assertThat(spool.pendingEvents()).isZero();
            assertThat(spool.spooledBytes()).isZero();
            assertThat(spool.read(all.end(), 10).isEmpty()).isTrue();
        }
        try (UsageSpool reopened = UsageSpool.open(directory, 1024, MiB)) {
            assertThat(reopened.pendingEvents()).isZero();
            reopened.append(event(50));
            assertThat(readAll(reopened, reopened.deliveredOffset(), 10)).extracting(UsageEvent::id)
                    .containsExactly("ue-50");
        }
    }

    @Test
    void refusesEventsBeyondItsMaximumUntilSomeAreDelivered() throws IOException {
        try (UsageSpool spool = UsageSpool.open(directory, 1024, 1000)) {
            int accepted = 0;
            while (spool.append(event(accepted))) {
                accepted++;
            }
            assertThat(accepted).isPositive();
            assertThat(spool.spooledBytes()).isLessThanOrEqualTo(1000);

            spool.markDelivered(spool.read(spool.deliveredOffset(), 1));
            assertThat(spool.append(event(accepted))).isTrue();
        }
    }

    @Test
    void anInterruptedRequestThreadNeitherLosesItsEventNorBreaksLaterAppends() throws Exception {
        try (UsageSpool spool = UsageSpool.open(directory, MiB, MiB)) {
            Thread interrupted = Thread.ofPlatform().unstarted(() -> {
                Thread.currentThread().interrupt();
                try {
                    assertThat(spool.append(event(0))).isTrue();
                    spool.sync();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            interrupted.start();
            interrupted.join();
            assertThat(spool.append(event(1))).isTrue();
            assertThat(readAll(spool, 0, 10)).extracting(UsageEvent::id).containsExactly("ue-0", "ue-1");
        }
    }

    @Test
    void concurrentAppendsAreEachWrittenOnceInTheirCallersOrderAcrossSegments() throws Exception {
        int callers = 16;
        int perCaller = 200;
        try (UsageSpool spool = UsageSpool.open(directory, 4096, 64 * MiB)) {
            appendConcurrently(spool, callers, perCaller);

            List<UsageEvent> read = readAll(spool, 0, 97);
            assertThat(read).hasSize(callers * perCaller).doesNotHaveDuplicates();
            assertThat(spool.pendingEvents()).isEqualTo(callers * perCaller);
            assertThat(segments()).hasSizeGreaterThan(10);
            for (int caller = 0; caller < callers; caller++) {
                int first = caller * perCaller;
                assertThat(read).extracting(UsageEvent::id).filteredOn(id -> owner(id, perCaller) == first / perCaller)
                        .containsExactlyElementsOf(IntStream.range(first, first + perCaller).mapToObj(i -> "ue-" + i).toList());
            }
        }
        try (UsageSpool reopened = UsageSpool.open(directory, 4096, 64 * MiB)) {
            assertThat(reopened.pendingEvents()).isEqualTo(callers * perCaller);
        }
    }

    @Test
    void concurrentAppendsBeyondTheMaximumAreRefusedOneByOne() throws Exception {
        try (UsageSpool spool = UsageSpool.open(directory, 1024, 8192)) {
            int accepted = appendConcurrently(spool, 8, 50);

            assertThat(accepted).isPositive().isLessThan(8 * 50);
            assertThat(spool.spooledBytes()).isLessThanOrEqualTo(8192);
            assertThat(readAll(spool, 0, 10)).hasSize(accepted);
        }
    }

    /** Appends events {@code caller * perCaller ...} from each caller's own thread; answers how many were kept. */
    private static int appendConcurrently(UsageSpool spool, int callers, int perCaller) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> kept = new ArrayList<>();
            for (int caller = 0; caller < callers; caller++) {
                int first = caller * perCaller;
                kept.add(threads.submit(() -> {
                    start.await();
                    int accepted = 0;
                    for (int i = first; i < first + perCaller; i++) {
                        accepted += spool.append(event(i)) ? 1 : 0;
                    }
                    return accepted;
                }));
            }
            start.countDown();
            int accepted = 0;
            for (Future<Integer> caller : kept) {
                accepted += caller.get(30, TimeUnit.SECONDS);
            }
            return accepted;
        } finally {
            threads.shutdownNow();
        }
    }

    private static int owner(String id, int perCaller) {
        return Integer.parseInt(id.substring("ue-".length())) / perCaller;
    }

    @Test
    void keepsEveryFieldOfAnEventIncludingAMissingApiKey() throws IOException {
        UsageEvent person = new UsageEvent("ue-p", "acme", null, "ann@acme", "churn", "3", 64, 1234, "invalid-input",
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try (UsageSpool spool = UsageSpool.open(directory, MiB, MiB)) {
            spool.append(person);
            assertThat(spool.read(0, 1).events()).containsExactly(person);
        }
    }

    static UsageEvent event(int i) {
        return new UsageEvent("ue-" + i, i % 2 == 0 ? "acme" : "globex", "key-" + i, "key-" + i, "churn", "2", 1 + i % 3,
                100 + i, UsageEvent.OK, Instant.parse("2026-11-23T10:15:30.123456Z").plusSeconds(i));
    }

    private static List<UsageEvent> readAll(UsageSpool spool, long from, int batchSize) throws IOException {
        List<UsageEvent> events = new ArrayList<>();
        long position = from;
        while (true) {
            UsageSpool.Batch batch = spool.read(position, batchSize);
            if (batch.end() == position) {
                return events;
            }
            assertThat(batch.events()).hasSizeLessThanOrEqualTo(batchSize);
            events.addAll(batch.events());
            position = batch.end();
        }
    }

    private List<Path> segments() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(path -> path.toString().endsWith(".spool")).toList();
        }
    }

    private Path onlySegment() throws IOException {
        List<Path> segments = segments();
        assertThat(segments).hasSize(1);
        return segments.getFirst();
    }
}
