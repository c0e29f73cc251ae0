package dev.modelyard.privacy.detect;

/**
 * What one pass over a text's characters tells about it: enough for each recognizer to say whether its
 * values can occur at all, so most cells never meet a regular expression.
 *
 * @param longestToken the longest run of characters that keys, tokens and encoded blobs are made of
 * @param longestDigitRun the longest run of digits without separators
 * @param wordInitials the ASCII letters that begin a word (follow no letter), case ignored: bit 0 for
 *                     {@code a}, bit 25 for {@code z}; context words can only be where their initial is
 */
public record TextProfile(int digits, int upper, int ats, int dots, int colons, int dashes, int slashes,
                          int longestToken, int longestDigitRun, int wordInitials) {

    private static final TextProfile EMPTY = new TextProfile(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    /**
     * Per count, the values at which some screen of {@link Recognizers} (or {@link Recognizers#canHoldAny}) changes
     * its answer, ascending: a screen reads a profile whose counts are each lowered to the step at or below them as
     * it reads the whole one ({@code RecognizerScreensTest}). Texts are screened once per combination of steps, and
     * few combinations occur.
     */
    static final Steps DIGIT_STEPS = new Steps(2, 4, 5, 6, 7, 9, 13);
    static final Steps UPPER_STEPS = new Steps(1, 2, 3, 9);
    static final Steps AT_STEPS = new Steps(1);
    static final Steps DOT_STEPS = new Steps(1, 2, 3);
    static final Steps COLON_STEPS = new Steps(2, 5);
    static final Steps DASH_STEPS = new Steps(5, 10);
    static final Steps SLASH_STEPS = new Steps(2);
    static final Steps LONGEST_TOKEN_STEPS = new Steps(14, Recognizers.SECRET_MIN_LENGTH);
    static final Steps LONGEST_DIGIT_RUN_STEPS = new Steps(7);

    /**
     * This profile with each count lowered to the step at or below it (0 below the first), and without the word
     * initials, which screens do not read.
     */
    TextProfile stepped() {
        return new TextProfile(DIGIT_STEPS.down(digits), UPPER_STEPS.down(upper), AT_STEPS.down(ats),
                DOT_STEPS.down(dots), COLON_STEPS.down(colons), DASH_STEPS.down(dashes), SLASH_STEPS.down(slashes),
                LONGEST_TOKEN_STEPS.down(longestToken), LONGEST_DIGIT_RUN_STEPS.down(longestDigitRun), 0);
    }

    /** The {@link #stepped} profile in one number: profiles with the same key pass the same screens. */
    int screenKey() {
        int key = DIGIT_STEPS.reached(digits);
        key = UPPER_STEPS.append(key, upper);
        key = AT_STEPS.append(key, ats);
        key = DOT_STEPS.append(key, dots);
        key = COLON_STEPS.append(key, colons);
        key = DASH_STEPS.append(key, dashes);
        key = SLASH_STEPS.append(key, slashes);
        key = LONGEST_TOKEN_STEPS.append(key, longestToken);
        return LONGEST_DIGIT_RUN_STEPS.append(key, longestDigitRun);
    }

    /** The values, ascending, at which a count changes some screen's answer. */
    static final class Steps {
        private final int[] values;
        /** For each count up to the highest step, how many steps it reaches. */
        private final byte[] reachedBy;

        Steps(int... values) {
            this.values = values;
            this.reachedBy = new byte[highest() + 1];
            for (int count = 0; count < reachedBy.length; count++) {
                for (int step : values) {
                    reachedBy[count] += (byte) (count >= step ? 1 : 0);
                }
            }
        }

        int highest() {
            return values[values.length - 1];
        }

        /** How many steps {@code count} reaches. */
        int reached(int count) {
            return reachedBy[Math.min(count, reachedBy.length - 1)];
        }

        /** The step at or below {@code count}, or 0 below the first. */
        int down(int count) {
            int reached = reached(count);
            return reached == 0 ? 0 : values[reached - 1];
        }

        /** {@code key} with the steps {@code count} reaches as its next digit, in base one more than the steps. */
        int append(int key, int count) {
            return key * (values.length + 1) + reached(count);
        }
    }

    public static TextProfile of(CharSequence text) {
        int length = text.length();
        if (length == 0) {
            return EMPTY;
        }
        int digits = 0;
        int upper = 0;
        int ats = 0;
        int dots = 0;
        int colons = 0;
        int dashes = 0;
        int slashes = 0;
        int token = 0;
        int longestToken = 0;
        int digitRun = 0;
        int longestDigitRun = 0;
        int wordInitials = 0;
        boolean afterLetter = false;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean tokenChar = true;
            boolean letter = false;
            if (c >= 'a' && c <= 'z') {
                // Most characters of most texts are lower-case letters: a run of them is read in a tight loop,
                // as it only lengthens the token.
                wordInitials |= afterLetter ? 0 : 1 << (c - 'a');
                afterLetter = true;
                digitRun = 0;
                int runEnd = i + 1;
                for (char next; runEnd < length && (next = text.charAt(runEnd)) >= 'a' && next <= 'z'; ) {
                    runEnd++;
                }
                token += runEnd - i;
                if (token > longestToken) {
                    longestToken = token;
                }
                i = runEnd - 1;
                continue;
            } else if (c >= '0' && c <= '9') {
                afterLetter = false;
                digits++;
                if (++digitRun > longestDigitRun) {
                    longestDigitRun = digitRun;
                }
                token++;
                if (token > longestToken) {
                    longestToken = token;
                }
                continue;
            } else if (c >= 'A' && c <= 'Z') {
                upper++;
                letter = true;
                wordInitials |= afterLetter ? 0 : 1 << (c - 'A');
            } else if (c == '_' || c == '+' || c == '=') {
                // counted only as part of a token
            } else if (c == '-') {
                dashes++;
            } else if (c == '.') {
                dots++;
            } else if (c == '/') {
                slashes++;
            } else {
                tokenChar = false;
                if (c == '@') {
                    ats++;
                } else if (c == ':') {
                    colons++;
                } else if (c >= 128) {
                    letter = Character.isLetter(c);
                }
            }
            afterLetter = letter;
            digitRun = 0;
            if (tokenChar) {
                token++;
                if (token > longestToken) {
                    longestToken = token;
                }
            } else {
                token = 0;
            }
        }
        return new TextProfile(digits, upper, ats, dots, colons, dashes, slashes, longestToken,
                longestDigitRun, wordInitials);
    }
}
