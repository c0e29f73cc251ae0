package dev.modelyard.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdsTest {

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
    void timestampIsEncodedInCrockfordBase32() {
        assertThat(Ids.encode(0, new byte[10])).isEqualTo("00000000000000000000000000");
        byte[] ones = new byte[10];
        java.util.Arrays.fill(ones, (byte) 0xff);
        assertThat(Ids.encode(32, ones)).isEqualTo("0000000010ZZZZZZZZZZZZZZZZ");
    }

    @Test
    void idsDoNotCollide() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(Ids.next("file"))).isTrue();
        }
    }
}
