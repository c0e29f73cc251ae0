package dev.modelyard.privacy.detect;

/**
 * Where a kind's candidates can begin: the characters they begin with and the characters they never follow
 * (a lookbehind's or a word boundary's), both looked up in tables, a necessary condition of the kind's pattern.
 * The tables pass over most positions (those inside a word or number) without a call; the recognizer's
 * {@link CandidateScanner} decides at the rest.
 */
public final class CandidateStart {

    private final boolean[] initials = new boolean[128];
    private final boolean[] neverAfter = new boolean[128];

    private CandidateStart(String initials, String neverAfter) {
        initials.chars().forEach(c -> this.initials[c] = true);
        neverAfter.chars().forEach(c -> this.neverAfter[c] = true);
    }

    /**
     * @param initials   the ASCII characters a candidate can begin with
     * @param neverAfter ASCII characters after which no candidate begins, whatever follows
     */
    public static CandidateStart of(String initials, String neverAfter) {
        return new CandidateStart(initials, neverAfter);
    }

    /** Whether a candidate may begin with the ASCII character {@code c}, by the table of initials. */
    boolean beginsWith(char c) {
        return c < 128 && initials[c];
    }

    /** Whether no candidate begins right after the ASCII character {@code previous} (NUL at a text's start). */
    boolean neverFollows(char previous) {
        return previous < 128 && neverAfter[previous];
    }

    /** The first position from {@code from} on where a candidate may begin, or -1. */
    int next(String text, int from) {
        for (int at = from; at < text.length(); at++) {
            char c = text.charAt(at);
            // The character before is read only where the initial qualifies: most positions stop at the first test.
            if (c < 128 && initials[c]) {
                char previous = at > 0 ? text.charAt(at - 1) : '\0';
                if (previous >= 128 || !neverAfter[previous]) {
                    return at;
                }
            }
        }
        return -1;
    }
}
