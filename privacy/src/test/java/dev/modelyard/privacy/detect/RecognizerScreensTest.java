package dev.modelyard.privacy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The engine screens texts once per screen key, which is only right where capping a profile changes no screen. */
class RecognizerScreensTest {

    @Test
    void everyScreenReadsACappedProfileAsTheWholeOne() {
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 300_000; i++) {
            TextProfile profile = randomProfile(random);
            TextProfile capped = profile.capped();
            assertThat(Recognizers.canHoldAny(capped)).as("%s", profile).isEqualTo(Recognizers.canHoldAny(profile));
            for (Recognizer recognizer : Recognizers.ALL) {
                assertThat(recognizer.screen().test(capped)).as("%s screens %s", recognizer.type(), profile)
                        .isEqualTo(recognizer.screen().test(profile));
            }
        }
    }

    @Test
    void profilesShareAScreenKeyExactlyWhenTheirCappedProfilesAreEqual() {
        SplittableRandom random = new SplittableRandom(29);
        Map<Integer, TextProfile> cappedByKey = new HashMap<>();
        for (int i = 0; i < 300_000; i++) {
            TextProfile profile = randomProfile(random);
            TextProfile earlier = cappedByKey.putIfAbsent(profile.screenKey(), profile.capped());
            if (earlier != null) {
                assertThat(profile.capped()).isEqualTo(earlier);
            }
        }
        assertThat(cappedByKey.size()).isGreaterThan(100_000);
    }

    /** Counts around and well beyond the caps. */
    private static TextProfile randomProfile(SplittableRandom random) {
        int digits = count(random, TextProfile.MAX_DIGITS);
        int longestDigitRun = random.nextInt(digits + 1);
        return new TextProfile(digits, count(random, TextProfile.MAX_UPPER), count(random, TextProfile.MAX_ATS),
                count(random, TextProfile.MAX_DOTS), count(random, TextProfile.MAX_COLONS),
                count(random, TextProfile.MAX_DASHES), count(random, TextProfile.MAX_SLASHES),
                Math.max(longestDigitRun, count(random, TextProfile.MAX_LONGEST_TOKEN)), longestDigitRun,
                random.nextInt(1 << 26));
    }

    private static int count(SplittableRandom random, int cap) {
        return random.nextInt(4) == 0 ? random.nextInt(cap + 1, 4 * cap + 8) : random.nextInt(cap + 2);
    }
}
