package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The profile against each count taken on its own, over random text of every character class. */
class TextProfileTest {

    private static final String ALPHABET = "0123456789AZaz_+=-./@: ,;#é€ßΩ\u212A\t";

    @Test
    void countsWhatEachFieldDescribes() {
        assertThat(TextProfile.of("Call +1 555-0100, mail: jo.x@ex.com")).isEqualTo(
                new TextProfile(8, 1, 1, 2, 1, 1, 0, 8, 4, bits("cmjxe")));
        assertThat(TextProfile.of("")).isEqualTo(new TextProfile(0, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        assertThat(TextProfile.of("éa Ωb 7c").wordInitials()).isEqualTo(bits("c"));
    }

    @Test
    void agreesWithEachCountTakenOnItsOwn() {
        SplittableRandom random = new SplittableRandom(31);
        for (int i = 0; i < 50_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(60); length > 0; length--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            String value = text.toString();
            assertThat(TextProfile.of(value)).as(value).isEqualTo(new TextProfile(count(value, "0123456789"),
                    count(value, "ABCDEFGHIJKLMNOPQRSTUVWXYZ"), count(value, "@"), count(value, "."), count(value, ":"),
                    count(value, "-"), count(value, "/"), longestRun(value, "[A-Za-z0-9_+=./-]+"),
                    longestRun(value, "[0-9]+"), wordInitials(value)));
        }
    }

    @Test
    void countsPastWhatSixteenBitsHold() {
        String text = "a1-@.:/B".repeat(70_000) + "x";
        assertThat(TextProfile.of(text)).isEqualTo(new TextProfile(70_000, 70_000, 70_000, 70_000, 70_000, 70_000,
                70_000, 5, 1, bits("ab")));
    }

    private static int count(String text, String chars) {
        return (int) text.chars().filter(c -> chars.indexOf(c) >= 0).count();
    }

    private static int longestRun(String text, String run) {
        int longest = 0;
        for (Matcher matcher = Pattern.compile(run).matcher(text); matcher.find(); ) {
            longest = Math.max(longest, matcher.end() - matcher.start());
        }
        return longest;
    }

    private static int wordInitials(String text) {
        StringBuilder initials = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean asciiLetter = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
            if (asciiLetter && (i == 0 || !Character.isLetter(text.charAt(i - 1)))) {
                initials.append(Character.toLowerCase(c));
            }
        }
        return bits(initials.toString());
    }

    private static int bits(String letters) {
        return letters.chars().map(c -> 1 << (c - 'a')).reduce(0, (a, b) -> a | b);
    }
}
