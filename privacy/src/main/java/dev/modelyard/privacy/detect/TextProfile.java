package dev.modelyard.privacy.detect;

/**
 * What one pass over a text's characters tells about it: enough for each recognizer to say whether its
 * values can occur at all, so most cells never meet a regular expression.
 *
 * @param longestToken the longest run of characters that keys, tokens and encoded blobs are made of
 * @param longestDigitRun the longest run of digits without separators
 */
public record TextProfile(int digits, int upper, int ats, int dots, int colons, int dashes, int slashes,
                          int longestToken, int longestDigitRun) {

    private static final TextProfile EMPTY = new TextProfile(0, 0, 0, 0, 0, 0, 0, 0, 0);

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
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            boolean tokenChar = true;
            if (c >= '0' && c <= '9') {
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
            } else if (c >= 'a' && c <= 'z' || c == '_' || c == '+' || c == '=') {
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
                }
            }
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
                longestDigitRun);
    }
}
