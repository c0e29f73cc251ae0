package dev.modelyard.privacy.detect;

/**
 * Where a pattern's candidates can begin: the characters they begin with and the characters they never
 * follow, both looked up in tables, then a test of the few characters around the position. The tables
 * pass over most positions (those inside a word or number) without a call.
 */
public final class CandidateStart {

    /** Whether a candidate can begin at {@code at} of {@code text}: a necessary condition of the pattern. */
    @FunctionalInterface
    public interface Test {
        boolean mayStartAt(String text, int at);
    }

    private final boolean[] initials = new boolean[128];
    private final boolean[] neverAfter = new boolean[128];
    private final Test test;

    private CandidateStart(String initials, String neverAfter, Test test) {
        initials.chars().forEach(c -> this.initials[c] = true);
        neverAfter.chars().forEach(c -> this.neverAfter[c] = true);
        this.test = test;
    }

    /**
     * @param initials   the ASCII characters a candidate can begin with
     * @param neverAfter ASCII characters after which {@code test} is false whatever follows (a lookbehind's)
     */
    public static CandidateStart of(String initials, String neverAfter, Test test) {
        return new CandidateStart(initials, neverAfter, test);
    }

    /** The tables alone, for a scanner that checks the rest of a start as it reads the candidate. */
    public static CandidateStart of(String initials, String neverAfter) {
        return new CandidateStart(initials, neverAfter, null);
    }

    /** Whether a candidate may begin with the ASCII character {@code c}, by the table of initials. */
    boolean beginsWith(char c) {
        return c < 128 && initials[c];
    }

    /** Whether no candidate begins right after the ASCII character {@code previous} (NUL at a text's start). */
    boolean neverFollows(char previous) {
        return previous < 128 && neverAfter[previous];
    }

    /** The test at a position the tables let through; true where there is no test beyond the tables. */
    boolean mayStartAt(String text, int at) {
        return test == null || test.mayStartAt(text, at);
    }

    /** The first position from {@code from} on where a candidate may begin, or -1. */
    int next(String text, int from) {
        for (int at = from; at < text.length(); at++) {
            char c = text.charAt(at);
            // The character before is read only where the initial qualifies: most positions stop at the first test.
            if (c < 128 && initials[c]) {
                char previous = at > 0 ? text.charAt(at - 1) : '\0';
                if ((previous >= 128 || !neverAfter[previous]) && mayStartAt(text, at)) {
                    return at;
                }
            }
        }
        return -1;
    }
}
