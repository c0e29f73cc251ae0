package dev.modelyard.privacy.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RecentValuesTest {

    @Test
    void answersAnEqualValueWithWhatWasRememberedAndNothingForAnOtherValue() {
        RecentValues<String> recent = new RecentValues<>(16);
        assertThat(recent.find("Berlin")).isNull();
        recent.remember("Berlin", "city");
        assertThat(recent.find(new String("Berlin".toCharArray()))).isEqualTo("city");
        assertThat(recent.find("Berlin ")).isNull();
        assertThat(recent.find("")).isNull();
    }

    @Test
    void aValueRememberedWithItsBytesIsFoundByThemAndOnlyThen() {
        RecentValues<String> recent = new RecentValues<>(16);
        byte[] line = "x,Berlin,Bern".getBytes(StandardCharsets.US_ASCII);
        recent.remember("Berlin", line, 2, 8, "city");
        assertThat(recent.find(line, 2, 8, "Berlin".hashCode())).isEqualTo("city");
        assertThat(recent.find("Berlin")).isEqualTo("city");
        assertThat(recent.find(line, 9, 13, "Bern".hashCode())).isNull();
        assertThat(recent.find(line, 2, 7, "Berli".hashCode())).isNull();

        recent.remember("Bern", "capital");
        assertThat(recent.find("Bern")).isEqualTo("capital");
        assertThat(recent.find(line, 9, 13, "Bern".hashCode())).as("remembered without bytes").isNull();
    }

    @Test
    void aValueThatTakesAnotherOnesSlotReplacesIt() {
        RecentValues<String> recent = new RecentValues<>(16);
        // "Aa" and "BB" share a hash code, so they share a slot.
        recent.remember("Aa", "first");
        recent.remember("BB", "second");
        assertThat(recent.find("Aa")).isNull();
        assertThat(recent.find("BB")).isEqualTo("second");
        // Another hash code: told apart by the hash kept beside the value.
        recent.remember("Ab", "third");
        assertThat(recent.find("Ab")).isEqualTo("third");
        assertThat(recent.find("q")).isNull();
    }

    @Test
    void neverAnswersOtherThanWhatWasLastRememberedForTheValue() {
        RecentValues<String> recent = new RecentValues<>(256);
        Map<String, String> last = new HashMap<>();
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 4 * RecentValues.TRIAL; i++) {
            String value = "v" + random.nextInt(300);
            String found = recent.find(value);
            if (found != null) {
                assertThat(found).as(value).isEqualTo(last.get(value));
            } else {
                String answer = value + "#" + i;
                recent.remember(value, answer);
                last.put(value, answer);
            }
        }
        assertThat(recent.givenUp()).isFalse();
    }

    @Test
    void givesUpOnValuesThatRarelyRepeatAndThenRemembersNothing() {
        RecentValues<String> recent = new RecentValues<>(1024);
        for (int i = 0; i < RecentValues.TRIAL; i++) {
            String value = "u-" + i;
            assertThat(recent.find(value)).isNull();
            recent.remember(value, "pid " + i);
        }
        assertThat(recent.givenUp()).isTrue();
        recent.remember("u-0", "pid 0");
        assertThat(recent.find("u-0")).isNull();
    }

    @Test
    void keepsValuesThatRepeatOftenEnough() {
        RecentValues<String> recent = new RecentValues<>(1024);
        for (int i = 0; i < 3 * RecentValues.TRIAL; i++) {
            // One lookup in three repeats a value seen just before.
            String value = i % 3 == 2 ? "u-" + (i - 1) : "u-" + i;
            if (recent.find(value) == null) {
                recent.remember(value, "pid");
            }
        }
        assertThat(recent.givenUp()).isFalse();
    }

    @Test
    void refusesATableSizeThatIsNotAPowerOfTwo() {
        assertThatThrownBy(() -> new RecentValues<String>(1000)).isInstanceOf(IllegalArgumentException.class);
    }
}
