package dev.modelyard.privacy.detect;

import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one kind of personal data: a cheap screen on the text's profile says whether to look at all, start
 * tables say at which positions a value could begin, a hand-written scanner reads the candidate there, and a
 * scorer rates each from its own content (a checksum, a range, a phone number plan), 0 dropping it. Context
 * words then move the score up or down. A tenant-defined kind has a regular expression, searched for across
 * the whole text, instead of start tables and a scanner.
 *
 * @param type          the type name findings carry
 * @param screen        false where the profile rules the kind out, so the text is not read for it
 * @param starts        where a scanner's candidates can begin (a necessary condition of its pattern); null
 *                      for a regular expression
 * @param candidates    proposes spans anywhere in the text; null where {@code scanner} does
 * @param scanner       proposes spans at the positions {@code starts} lets through; null where
 *                      {@code candidates} does
 * @param scorer        the score of a candidate from its text alone, 0 for a look-alike
 * @param bestScore     the highest score {@code scorer} gives: below the threshold the kind needs context
 * @param supporting    words that make a candidate more likely
 * @param contradicting words that make a candidate less likely ("order" before a phone-like number)
 */
public record Recognizer(String type, Predicate<TextProfile> screen, CandidateStart starts, Pattern candidates,
                         CandidateScanner scanner, ToDoubleFunction<String> scorer, double bestScore,
                         ContextWords supporting, ContextWords contradicting) {

    public Recognizer {
        if ((candidates == null) == (scanner == null) || (scanner == null) != (starts == null)) {
            throw new IllegalArgumentException(type + " needs either a pattern, or a scanner with start tables");
        }
    }

    /** A recognizer whose candidates a regular expression finds anywhere in the text. */
    public Recognizer(String type, Predicate<TextProfile> screen, Pattern candidates,
                      ToDoubleFunction<String> scorer, double bestScore,
                      ContextWords supporting, ContextWords contradicting) {
        this(type, screen, null, candidates, null, scorer, bestScore, supporting, contradicting);
    }

    /** A recognizer whose candidates a scanner reads at the positions its start tables let through. */
    public Recognizer(String type, Predicate<TextProfile> screen, CandidateStart starts, CandidateScanner scanner,
                      ToDoubleFunction<String> scorer, double bestScore,
                      ContextWords supporting, ContextWords contradicting) {
        this(type, screen, starts, null, scanner, scorer, bestScore, supporting, contradicting);
    }

    /** The first position from {@code from} on where a candidate may begin, or -1 where none can. */
    int nextStart(String text, int from) {
        if (starts == null) {
            return from < text.length() ? from : -1;
        }
        return starts.next(text, from);
    }

    /**
     * Adds a finding with its content score for every candidate that is not a look-alike: a pattern's matches
     * across the text, or what the scanner reads at each possible start from {@code first} (a
     * {@link #nextStart} result) on. The scanner finds what a search with its pattern would: a search returns
     * the leftmost match and resumes after it, and no match begins where the start tables say none can.
     *
     * @param matcher a matcher of {@link #candidates} reset to {@code text}, which callers keep from text to
     *                text; null where the recognizer has a scanner
     */
    void find(Matcher matcher, String text, int first, List<Finding> out) {
        find(matcher, text, first, from -> nextStart(text, from), out);
    }

    /**
     * Like {@link #find(Matcher, String, int, List)} with the starts from a position on given by
     * {@code startsFrom}, which must answer what {@link #nextStart} would, asked for ever later positions.
     */
    void find(Matcher matcher, String text, int first, IntUnaryOperator startsFrom, List<Finding> out) {
        if (scanner == null) {
            while (matcher.find()) {
                add(text, matcher.start(), matcher.end(), out);
            }
            return;
        }
        for (int at = first; at >= 0; ) {
            int end = scanner.end(text, at);
            int next = at + 1;
            if (end >= 0) {
                add(text, at, end, out);
                next = Math.max(next, end);
            }
            at = startsFrom.applyAsInt(next);
        }
    }

    /** Whether the scanner reads a candidate that spans the whole text. Only for a recognizer with a scanner. */
    boolean spansWholeText(String text) {
        // The start tables rule most kinds out at the first character, before the scanner reads any.
        return starts.beginsWith(text.charAt(0)) && !starts.neverFollows('\0') && scanner.end(text, 0) == text.length();
    }

    /** Adds the candidate {@code [start, end)} with its content score, unless that is 0 (a look-alike). */
    void add(String text, int start, int end, List<Finding> out) {
        double score = scorer.applyAsDouble(text.substring(start, end));
        if (score > 0) {
            out.add(new Finding(type, start, end, score));
        }
    }
}
