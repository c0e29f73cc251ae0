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
    static final int[] DIGIT_STEPS = {2, 4, 5, 6, 7, 9, 13};
    static final int[] UPPER_STEPS = {1, 2, 3, 9};
    static final int[] AT_STEPS = {1};
    static final int[] DOT_STEPS = {1, 2, 3};
    static final int[] COLON_STEPS = {2, 5};
    static final int[] DASH_STEPS = {5, 10};
    static final int[] SLASH_STEPS = {2};
    static final int[] LONGEST_TOKEN_STEPS = {14, Recognizers.SECRET_MIN_LENGTH};
    static final int[] LONGEST_DIGIT_RUN_STEPS = {7};

    /** Per count, how many of its steps each value up to the highest step reaches. */
    private static final byte[] DIGIT_STEP = stepsReached(DIGIT_STEPS);
    private static final byte[] UPPER_STEP = stepsReached(UPPER_STEPS);
    private static final byte[] AT_STEP = stepsReached(AT_STEPS);
    private static final byte[] DOT_STEP = stepsReached(DOT_STEPS);
    private static final byte[] COLON_STEP = stepsReached(COLON_STEPS);
    private static final byte[] DASH_STEP = stepsReached(DASH_STEPS);
    private static final byte[] SLASH_STEP = stepsReached(SLASH_STEPS);
    private static final byte[] LONGEST_TOKEN_STEP = stepsReached(LONGEST_TOKEN_STEPS);
    private static final byte[] LONGEST_DIGIT_RUN_STEP = stepsReached(LONGEST_DIGIT_RUN_STEPS);

    /**
     * This profile with each count lowered to the step at or below it (0 below the first), and without the word
     * initials, which screens do not read.
     */
    TextProfile stepped() {
        return new TextProfile(down(digits, DIGIT_STEPS, DIGIT_STEP), down(upper, UPPER_STEPS, UPPER_STEP),
                down(ats, AT_STEPS, AT_STEP), down(dots, DOT_STEPS, DOT_STEP), down(colons, COLON_STEPS, COLON_STEP),
                down(dashes, DASH_STEPS, DASH_STEP), down(slashes, SLASH_STEPS, SLASH_STEP),
                down(longestToken, LONGEST_TOKEN_STEPS, LONGEST_TOKEN_STEP),
                down(longestDigitRun, LONGEST_DIGIT_RUN_STEPS, LONGEST_DIGIT_RUN_STEP), 0);
    }

    /** The {@link #stepped} profile in one number: profiles with the same key pass the same screens. */
    int screenKey() {
        int key = reached(digits, DIGIT_STEP);
        key = key * (UPPER_STEPS.length + 1) + reached(upper, UPPER_STEP);
        key = key * (AT_STEPS.length + 1) + reached(ats, AT_STEP);
        key = key * (DOT_STEPS.length + 1) + reached(dots, DOT_STEP);
        key = key * (COLON_STEPS.length + 1) + reached(colons, COLON_STEP);
        key = key * (DASH_STEPS.length + 1) + reached(dashes, DASH_STEP);
        key = key * (SLASH_STEPS.length + 1) + reached(slashes, SLASH_STEP);
        key = key * (LONGEST_TOKEN_STEPS.length + 1) + reached(longestToken, LONGEST_TOKEN_STEP);
        return key * (LONGEST_DIGIT_RUN_STEPS.length + 1) + reached(longestDigitRun, LONGEST_DIGIT_RUN_STEP);
    }

    private static byte[] stepsReached(int[] steps) {
        byte[] reached = new byte[steps[steps.length - 1] + 1];
        for (int value = 0; value < reached.length; value++) {
            for (int step : steps) {
                reached[value] += (byte) (value >= step ? 1 : 0);
            }
        }
        return reached;
    }

    private static int reached(int count, byte[] stepsReached) {
        return stepsReached[Math.min(count, stepsReached.length - 1)];
    }

    private static int down(int count, int[] steps, byte[] stepsReached) {
        int reached = reached(count, stepsReached);
        return reached == 0 ? 0 : steps[reached - 1];
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
