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
     * The counts above which no screen of {@link Recognizers} tells texts apart: the highest each one compares
     * with. A screen reads a profile capped at them as it reads the whole one ({@code RecognizerScreensTest}).
     */
    static final int MAX_DIGITS = 13;
    static final int MAX_UPPER = 9;
    static final int MAX_ATS = 1;
    static final int MAX_DOTS = 3;
    static final int MAX_COLONS = 5;
    static final int MAX_DASHES = 10;
    static final int MAX_SLASHES = 2;
    static final int MAX_LONGEST_TOKEN = Recognizers.SECRET_MIN_LENGTH;
    static final int MAX_LONGEST_DIGIT_RUN = 7;

    /**
     * This profile with each count capped where screens stop telling texts apart, and without the word initials,
     * which screens do not read.
     */
    TextProfile capped() {
        return new TextProfile(Math.min(digits, MAX_DIGITS), Math.min(upper, MAX_UPPER), Math.min(ats, MAX_ATS),
                Math.min(dots, MAX_DOTS), Math.min(colons, MAX_COLONS), Math.min(dashes, MAX_DASHES),
                Math.min(slashes, MAX_SLASHES), Math.min(longestToken, MAX_LONGEST_TOKEN),
                Math.min(longestDigitRun, MAX_LONGEST_DIGIT_RUN), 0);
    }

    /** The {@link #capped} profile in one number: profiles with the same key pass the same screens. */
    int screenKey() {
        int key = Math.min(digits, MAX_DIGITS);
        key = key * (MAX_UPPER + 1) + Math.min(upper, MAX_UPPER);
        key = key * (MAX_ATS + 1) + Math.min(ats, MAX_ATS);
        key = key * (MAX_DOTS + 1) + Math.min(dots, MAX_DOTS);
        key = key * (MAX_COLONS + 1) + Math.min(colons, MAX_COLONS);
        key = key * (MAX_DASHES + 1) + Math.min(dashes, MAX_DASHES);
        key = key * (MAX_SLASHES + 1) + Math.min(slashes, MAX_SLASHES);
        key = key * (MAX_LONGEST_TOKEN + 1) + Math.min(longestToken, MAX_LONGEST_TOKEN);
        return key * (MAX_LONGEST_DIGIT_RUN + 1) + Math.min(longestDigitRun, MAX_LONGEST_DIGIT_RUN);
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
