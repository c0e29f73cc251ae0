package dev.modelyard.privacy.detect;

import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Words that, close before a candidate or in its column's name, make it more (or less) likely to be what
 * it looks like. A word matches case-insensitively and only as a whole word, so "tel" is not found in "hotel".
 */
public final class ContextWords {

    public static final ContextWords NONE = new ContextWords(List.of());

    private final List<String> words;
    /** The ASCII letters words start with, upper and lower case, so most positions are passed over at once. */
    private final boolean[] initials = new boolean[128];
    private final boolean nonAsciiInitial;

    private ContextWords(List<String> words) {
        this.words = words;
        boolean nonAscii = false;
        for (String word : words) {
            char first = word.charAt(0);
            if (first < 128) {
                initials[Character.toLowerCase(first)] = true;
                initials[Character.toUpperCase(first)] = true;
            } else {
                nonAscii = true;
            }
        }
        this.nonAsciiInitial = nonAscii;
    }

    public static ContextWords of(String... words) {
        return new ContextWords(Stream.of(words).map(word -> word.toLowerCase(Locale.ROOT)).toList());
    }

    /** These words and {@code more}. */
    public ContextWords and(String... more) {
        return new ContextWords(Stream.concat(words.stream(), Stream.of(more)).toList());
    }

    /** Whether one of the words occurs anywhere in {@code text}; null counts as empty. */
    public boolean appearIn(String text) {
        return text != null && appearIn(text, 0, text.length());
    }

    /** Whether one of the words occurs within {@code [from, to)} of {@code text}. */
    public boolean appearIn(String text, int from, int to) {
        if (words.isEmpty()) {
            return false;
        }
        for (int i = Math.max(0, from); i < to; i++) {
            char c = text.charAt(i);
            if ((c < 128 ? initials[c] : nonAsciiInitial) && !isLetter(text, i - 1) && startsWord(text, i, to)) {
                return true;
            }
        }
        return false;
    }

    private boolean startsWord(String text, int at, int to) {
        for (String word : words) {
            int end = at + word.length();
            if (end <= to && text.regionMatches(true, at, word, 0, word.length()) && !isLetter(text, end)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLetter(String text, int index) {
        return index >= 0 && index < text.length() && Character.isLetter(text.charAt(index));
    }
}
