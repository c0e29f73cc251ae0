package dev.modelyard.privacy.detect;

import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one kind of personal data: a cheap screen on the text's profile says whether to look at all, a
 * start test says at which positions a value could begin, a regular expression proposes candidates there,
 * and a scorer rates each from its own content (a checksum, a range, a phone number plan), 0 dropping it.
 * Context words then move the score up or down.
 *
 * @param type          the type name findings carry
 * @param screen        false where the profile rules the kind out, so the pattern never runs
 * @param starts        where a candidate can begin (a necessary condition of the pattern, checked on a
 *                      few characters), so the pattern is tried only where it may match; null to search
 *                      the whole text, for patterns nothing is known about
 * @param candidates    proposes spans
 * @param scorer        the score of a candidate from its text alone, 0 for a look-alike
 * @param bestScore     the highest score {@code scorer} gives: below the threshold the kind needs context
 * @param supporting    words that make a candidate more likely
 * @param contradicting words that make a candidate less likely ("order" before a phone-like number)
 */
public record Recognizer(String type, Predicate<TextProfile> screen, CandidateStart starts, Pattern candidates,
                         ToDoubleFunction<String> scorer, double bestScore,
                         ContextWords supporting, ContextWords contradicting) {

    /** The first position from {@code from} on where a candidate may begin, or -1 where none can. */
    int nextStart(String text, int from) {
        if (starts == null) {
            return from < text.length() ? from : -1;
        }
        return starts.next(text, from);
    }

    /**
     * Adds a finding with its content score for every candidate that is not a look-alike, trying the
     * pattern at each possible start from {@code first} (a {@link #nextStart} result) on. Matching there
     * finds what a search of the whole text would: a search returns the leftmost match and resumes after
     * it, and no match begins where the start test says none can.
     *
     * @param matcher a matcher of {@link #candidates} reset to {@code text}, which callers keep from text to text
     */
    void find(Matcher matcher, String text, int first, List<Finding> out) {
        find(matcher, text, first, from -> nextStart(text, from), out);
    }

    /**
     * Like {@link #find(Matcher, String, int, List)} with the starts from a position on given by
     * {@code startsFrom}, which must answer what {@link #nextStart} would, asked for ever later positions.
     */
    void find(Matcher matcher, String text, int first, IntUnaryOperator startsFrom, List<Finding> out) {
        if (starts == null) {
            while (matcher.find()) {
                add(matcher, out);
            }
            return;
        }
        // Transparent bounds let lookbehinds and word boundaries still see the text before the region.
        matcher.useTransparentBounds(true).useAnchoringBounds(false);
        for (int at = first; at >= 0; ) {
            matcher.region(at, text.length());
            int next = at + 1;
            if (matcher.lookingAt()) {
                add(matcher, out);
                next = Math.max(next, matcher.end());
            }
            at = startsFrom.applyAsInt(next);
        }
    }

    private void add(Matcher matcher, List<Finding> out) {
        double score = scorer.applyAsDouble(matcher.group());
        if (score > 0) {
            out.add(new Finding(type, matcher.start(), matcher.end(), score));
        }
    }
}
