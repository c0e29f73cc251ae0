package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Spelling out a class's ranges must leave what the pattern matches exactly as it was. */
class PatternsTest {

    private static final String ALPHABET = "0123456789ABCDEFGPQRUWXYZabcdefpqrxyz._%+-@:/= \\#[]";

    @Test
    void spellsOutLetterAndDigitRangesInsideClassesOnly() {
        assertThat(Patterns.withExplicitRanges("[A-F0-3]x-y")).isEqualTo("[ABCDEF0123]x-y");
        assertThat(Patterns.withExplicitRanges("[^a-c_-]")).isEqualTo("[^abc_-]");
        assertThat(Patterns.withExplicitRanges("[A-PR-UWYZ]")).isEqualTo("[ABCDEFGHIJKLMNOPRSTUWYZ]");
        assertThat(Patterns.withExplicitRanges("\\[a-c]")).isEqualTo("\\[a-c]");
        assertThat(Patterns.withExplicitRanges("[\\w.-]a-z")).isEqualTo("[\\w.-]a-z");
    }

    @Test
    void leavesAPatternWholeWhereSpellingOutCouldChangeIt() {
        for (String regex : new String[] {"[a-z&&[^x]]", "[a-c[x-z]]", "\\Q[a-z]\\E", "[+-a-z]", "[a-z-0]", "[%-9]", "[]a-c]"}) {
            assertThat(Patterns.withExplicitRanges(regex)).as(regex).isEqualTo(regex);
        }
    }

    @Test
    void matchesWhatTheOriginalMatchesForEveryBuiltInShapeOfClass() {
        List<String> regexes = List.of(
                "(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])",
                "(?<![\\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\1[0-9A-Fa-f]{2}){4}(?![\\w:-])",
                "\\b(?:[A-PR-UWYZ][A-HK-Y]?\\d[A-Z\\d]?) ?\\d[ABD-HJLNP-UW-Z]{2}\\b",
                "(?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{5,}(?![A-Za-z0-9+/=_-])",
                "[^a-f\\s]+[2-7][^0-4]",
                "\\b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\\s:/@]+");
        SplittableRandom random = new SplittableRandom(17);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder text = new StringBuilder();
            for (int length = random.nextInt(40); length > 0; length--) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            texts.add(text.toString());
        }
        texts.addAll(List.of("jane.doe@mail.example.co.uk", "0a:1b:2c:3d:4e:5f", "SW1A 1AA", "http://u:p@host"));
        for (String regex : regexes) {
            assertThat(Patterns.withExplicitRanges(regex)).as(regex).isNotEqualTo(regex);
            Pattern original = Pattern.compile(regex);
            Pattern explicit = Patterns.compile(regex);
            int matches = 0;
            for (String text : texts) {
                List<String> expected = spans(original.matcher(text));
                assertThat(spans(explicit.matcher(text))).as("%s in \"%s\"", regex, text).isEqualTo(expected);
                matches += expected.size();
            }
            assertThat(matches).as("matches of %s", regex).isGreaterThan(0);
        }
    }

    private static List<String> spans(Matcher matcher) {
        List<String> spans = new ArrayList<>();
        while (matcher.find()) {
            spans.add(matcher.start() + ":" + matcher.end());
        }
        return spans;
    }
}
