package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.privacy.pii.PiiType;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Trying each scanner only where its start tables allow must find exactly what searching the whole text with
 * its pattern finds: over the labelled corpus, values of every type cut, altered and run together, and random
 * text made of the characters values are made of.
 */
class CandidateStartsTest {

    private static final String ALPHABET = "0123456789012345678901234567890123456789ABCDEFXYZJMS abcdefxz"
            + "     ....----//::++(())@@__%=,#";

    @Test
    void tryingThePatternOnlyAtPossibleStartsFindsWhatASearchOfTheWholeTextFinds() {
        List<String> texts = texts(new SplittableRandom(5));
        for (Recognizer recognizer : Recognizers.ALL) {
            int candidates = 0;
            for (String text : texts) {
                List<String> expected = searchedWhole(recognizer, text);
                assertThat(triedAtStarts(recognizer, text)).as("%s in \"%s\"", recognizer.type(), text)
                        .isEqualTo(expected);
                candidates += expected.size();
            }
            assertThat(candidates).as("candidates of %s", pattern(recognizer)).isGreaterThan(20);
        }
    }

    @Test
    void startsFoundForAllRecognizersInOnePassAreEachRecognizersOwn() {
        List<Recognizer> recognizers = Recognizers.ALL;
        StartPositions positions = new StartPositions(recognizers);
        int[] all = IntStream.range(0, recognizers.size()).toArray();
        StartPositions.Found found = new StartPositions.Found();
        SplittableRandom random = new SplittableRandom(9);
        int starts = 0;
        for (String text : texts(new SplittableRandom(5))) {
            positions.index(text, positions.covered(all), found);
            for (int r = 0; r < recognizers.size(); r++) {
                IntUnaryOperator shared = positions.startsOf(r, found);
                // Asked for ever later positions, as a search resuming after each candidate asks.
                for (int from = 0; from <= text.length(); from += 1 + random.nextInt(3)) {
                    int expected = recognizers.get(r).nextStart(text, from);
                    assertThat(shared.applyAsInt(from)).as("%s from %d in \"%s\"", recognizers.get(r).type(), from, text)
                            .isEqualTo(expected);
                    if (expected < 0) {
                        break;
                    }
                    starts++;
                    from = expected;
                }
            }
        }
        assertThat(starts).isGreaterThan(10_000);
    }

    @Test
    void noBuiltInScreenPassesATextThatCanHoldNone() {
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            int digits = random.nextInt(16);
            int longestDigitRun = random.nextInt(digits + 1);
            TextProfile profile = new TextProfile(digits, random.nextInt(12), random.nextInt(2), random.nextInt(5),
                    random.nextInt(7), random.nextInt(12), random.nextInt(4),
                    Math.max(longestDigitRun, random.nextInt(24)), longestDigitRun, random.nextInt(1 << 26));
            if (!Recognizers.canHoldAny(profile)) {
                for (Recognizer recognizer : Recognizers.ALL) {
                    assertThat(recognizer.screen().test(profile)).as("%s screens %s", recognizer.type(), profile).isFalse();
                }
            }
        }
    }

    private static List<String> searchedWhole(Recognizer recognizer, String text) {
        List<String> spans = new ArrayList<>();
        Matcher matcher = pattern(recognizer).matcher(text);
        while (matcher.find()) {
            spans.add(matcher.start() + ":" + matcher.end());
        }
        return spans;
    }

    private static List<String> triedAtStarts(Recognizer recognizer, String text) {
        Recognizer unscored = new Recognizer(recognizer.type(), recognizer.screen(), recognizer.starts(),
                recognizer.candidates(), recognizer.scanner(), value -> 1, 1, recognizer.supporting(),
                recognizer.contradicting());
        List<Finding> found = new ArrayList<>();
        int first = unscored.nextStart(text, 0);
        if (first >= 0) {
            unscored.find(unscored.candidates() == null ? null : unscored.candidates().matcher(text), text, first, found);
        }
        return found.stream().map(finding -> finding.start() + ":" + finding.end()).toList();
    }

    /** The recognizer's pattern, or the one its scanner stands for. */
    private static Pattern pattern(Recognizer recognizer) {
        return recognizer.candidates() != null ? recognizer.candidates()
                : CandidateScannersTest.SPECIFICATIONS.get((CandidateScanners) recognizer.scanner());
    }

    private static List<String> texts(SplittableRandom random) {
        List<String> texts = new ArrayList<>();
        for (long seed : new long[] {1, 7, 99}) {
            LabelledCorpus corpus = new LabelledCorpus(seed);
            corpus.samples(3000).forEach(sample -> texts.add(sample.text()));
            for (int i = 0; i < 3000; i++) {
                PiiType type = PiiType.values()[random.nextInt(PiiType.values().length)];
                StringBuilder text = new StringBuilder();
                int parts = random.nextInt(1, 4);
                for (int p = 0; p < parts; p++) {
                    if (p > 0) {
                        text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
                    }
                    text.append(altered(corpus.value(type), random));
                }
                texts.add(text.toString());
            }
        }
        // Longer than 64 characters: the positions span several words of a bit set.
        int joinable = texts.size();
        for (int i = 0; i < 2000; i++) {
            StringBuilder text = new StringBuilder(texts.get(random.nextInt(joinable)));
            for (int length = 64 + random.nextInt(256); text.length() < length; ) {
                text.append(ALPHABET.charAt(random.nextInt(ALPHABET.length()))).append(texts.get(random.nextInt(joinable)));
            }
            texts.add(text.toString());
        }
        for (int i = 0; i < 20_000; i++) {
            char[] chars = new char[random.nextInt(1, 40)];
            for (int c = 0; c < chars.length; c++) {
                chars[c] = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
            }
            texts.add(new String(chars));
        }
        return texts;
    }

    /** The value as it is, or with a character changed, dropped or added, or cut at either end. */
    static String altered(String value, SplittableRandom random) {
        int at = random.nextInt(value.length());
        char other = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        return switch (random.nextInt(6)) {
            case 0 -> value.substring(0, at) + other + value.substring(at + 1);
            case 1 -> value.substring(0, at) + value.substring(at + 1);
            case 2 -> value.substring(0, at) + other + value.substring(at);
            case 3 -> value.substring(at);
            case 4 -> value.substring(0, at + 1);
            default -> value;
        };
    }
}
