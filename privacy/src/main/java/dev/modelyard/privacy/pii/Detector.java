package dev.modelyard.privacy.pii;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one kind of personal data: a regular expression proposes candidates and a check (a checksum,
 * a range) keeps only the real ones, so look-alikes such as a number failing Luhn stay untouched.
 */
public final class Detector {

    private final PiiType type;
    private final Pattern candidates;
    private final Predicate<String> valid;

    Detector(PiiType type, Pattern candidates, Predicate<String> valid) {
        this.type = type;
        this.candidates = candidates;
        this.valid = valid;
    }

    public PiiType type() {
        return type;
    }

    /** The values of this kind in {@code text}, in order. */
    public List<String> findIn(String text) {
        List<String> found = new ArrayList<>();
        Matcher matcher = candidates.matcher(text);
        while (matcher.find()) {
            if (valid.test(matcher.group())) {
                found.add(matcher.group());
            }
        }
        return found;
    }

    /**
     * Replaces every value of this kind with the placeholder and adds one {@code type} to {@code found}
     * per replacement; returns {@code text} itself when there is nothing to replace.
     */
    String replaceIn(String text, List<PiiType> found) {
        Matcher matcher = candidates.matcher(text);
        StringBuilder out = null;
        int copied = 0;
        while (matcher.find()) {
            if (!valid.test(matcher.group())) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, copied, matcher.start()).append(type.placeholder());
            copied = matcher.end();
            found.add(type);
        }
        return out == null ? text : out.append(text, copied, text.length()).toString();
    }
}
