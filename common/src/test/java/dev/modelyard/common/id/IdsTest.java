package dev.modelyard.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.common.testing.ConcurrentCallers;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class IdsTest {

    private static final long FORTY_BITS = (1L << 40) - 1;

    @Test
    void idsArePrefixedAndWellFormed() {
        String id = Ids.next("key");
        assertThat(id).startsWith("key-").hasSize(30).matches("key-[0-9A-HJKMNP-TV-Z]{26}");
    }

    @Test
    void idsSortByCreationTime() {
        String earlier = Ids.next("mv", Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC));
        String later = Ids.next("mv", Clock.fixed(Instant.ofEpochMilli(1_700_000_000_001L), ZoneOffset.UTC));
        assertThat(earlier).isLessThan(later);
    }

    @Test
    void timestampAndRandomBitsAreEncodedInCrockfordBase32() {
        assertThat(Ids.encode(0, 0, 0)).isEqualTo("00000000000000000000000000");
        assertThat(Ids.encode(32, FORTY_BITS, FORTY_BITS)).isEqualTo("0000000010ZZZZZZZZZZZZZZZZ");
        // The first random half fills characters 10-17, the second 18-25, most significant first.
        assertThat(Ids.encode(0, 1, 32)).isEqualTo("00000000000000000100000010");
    }

    @Test
    void randomPartVariesWithinOneMillisecond() {
        Clock frozen = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_000L), ZoneOffset.UTC);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.next("file", frozen))).isTrue();
        }
    }

    @Test
    void idsDoNotCollide() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.next("file"))).isTrue();
        }
    }

    @Test
    void idsFromConcurrentThreadsDoNotCollide() throws Exception {
        int threads = 16;
        int perThread = 20_000;
        Set<String> seen = ConcurrentHashMap.newKeySet();
        int fresh = ConcurrentCallers.count(threads, perThread, () -> seen.add(Ids.next("req")));
        assertThat(fresh).isEqualTo(threads * perThread);
    }
}
