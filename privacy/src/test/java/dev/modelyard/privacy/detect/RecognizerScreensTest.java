package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The engine screens texts once per screen key, which is only right where stepping a profile down changes no screen. */
class RecognizerScreensTest {

    @Test
    void everyScreenReadsASteppedProfileAsTheWholeOne() {
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 300_000; i++) {
            TextProfile profile = randomProfile(random);
            TextProfile stepped = profile.stepped();
            assertThat(Recognizers.canHoldAny(stepped)).as("%s", profile).isEqualTo(Recognizers.canHoldAny(profile));
            for (Recognizer recognizer : Recognizers.ALL) {
                assertThat(recognizer.screen().test(stepped)).as("%s screens %s", recognizer.type(), profile)
                        .isEqualTo(recognizer.screen().test(profile));
            }
        }
    }

    @Test
    void profilesShareAScreenKeyExactlyWhenTheirSteppedProfilesAreEqual() {
        SplittableRandom random = new SplittableRandom(29);
        Map<Integer, TextProfile> steppedByKey = new HashMap<>();
        for (int i = 0; i < 300_000; i++) {
            TextProfile profile = randomProfile(random);
            TextProfile earlier = steppedByKey.putIfAbsent(profile.screenKey(), profile.stepped());
            if (earlier != null) {
                assertThat(profile.stepped()).isEqualTo(earlier);
            }
        }
        // Every combination of steps: 8 * 5 * 2 * 4 * 3 * 3 * 2 * 3 * 2, less those a longest run rules out.
        assertThat(steppedByKey.size()).isGreaterThan(20_000);
    }

    /** Counts around and well beyond the highest steps. */
    private static TextProfile randomProfile(SplittableRandom random) {
        int digits = count(random, TextProfile.DIGIT_STEPS);
        int longestDigitRun = random.nextInt(digits + 1);
        return new TextProfile(digits, count(random, TextProfile.UPPER_STEPS), count(random, TextProfile.AT_STEPS),
                count(random, TextProfile.DOT_STEPS), count(random, TextProfile.COLON_STEPS),
                count(random, TextProfile.DASH_STEPS), count(random, TextProfile.SLASH_STEPS),
                Math.max(longestDigitRun, count(random, TextProfile.LONGEST_TOKEN_STEPS)), longestDigitRun,
                random.nextInt(1 << 26));
    }

    private static int count(SplittableRandom random, TextProfile.Steps steps) {
        int highest = steps.highest();
        return random.nextInt(4) == 0 ? random.nextInt(highest + 1, 4 * highest + 8) : random.nextInt(highest + 2);
    }
}
