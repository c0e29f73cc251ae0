package dev.modelyard.privacy.detect;

import java.util.List;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one kind of personal data: a cheap screen on the text's profile says whether to look at all, a
 * regular expression proposes candidates, and a scorer rates each from its own content (a checksum, a
 * range, a phone number plan), 0 dropping it. Context words then move the score up or down.
 *
 * @param type          the type name findings carry
 * @param screen        false where the profile rules the kind out, so the pattern never runs
 * @param candidates    proposes spans
 * @param scorer        the score of a candidate from its text alone, 0 for a look-alike
 * @param reachBeforeDigit how many characters before its first digit a value can start ({@code +}, {@code (},
 *                      country letters), so matching starts there rather than at the text's beginning;
 *                      -1 for kinds whose values need not hold a digit
 * @param bestScore     the highest score {@code scorer} gives: below the threshold the kind needs context
 * @param supporting    words that make a candidate more likely
 * @param contradicting words that make a candidate less likely ("order" before a phone-like number)
 */
public record Recognizer(String type, Predicate<TextProfile> screen, Pattern candidates, int reachBeforeDigit,
                         ToDoubleFunction<String> scorer, double bestScore,
                         ContextWords supporting, ContextWords contradicting) {

    /** Adds a finding with its content score for every candidate that is not a look-alike. */
    void find(String text, TextProfile profile, List<Finding> out) {
        Matcher matcher = candidates.matcher(text);
        if (reachBeforeDigit >= 0 && profile.firstDigit() > reachBeforeDigit) {
            // Transparent bounds let lookbehinds and word boundaries still see the text before the region.
            matcher.region(profile.firstDigit() - reachBeforeDigit, text.length())
                    .useTransparentBounds(true).useAnchoringBounds(false);
        }
        while (matcher.find()) {
            double score = scorer.applyAsDouble(matcher.group());
            if (score > 0) {
                out.add(new Finding(type, matcher.start(), matcher.end(), score));
            }
        }
    }
}
