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
    /** Whether there are no words: asked on every candidate, and a list's {@code isEmpty} is an interface call. */
    private final boolean none;
    /**
     * The words by their ASCII initial, upper and lower case (null for an initial none has), so most positions
     * are passed over at once and a word start is compared with the few words it can begin.
     */
    private final String[][] byInitial = new String[128][];
    /** Every word, compared at a non-ASCII word start where some word has a non-ASCII initial. */
    private final String[] nonAsciiStarts;
    /** The words' initials as {@link TextProfile#wordInitials} has them, or -1 where one is no ASCII letter. */
    private final int initialLetters;

    private ContextWords(List<String> words) {
        this.words = words;
        this.none = words.isEmpty();
        for (char initial = 0; initial < 128; initial++) {
            char lower = Character.toLowerCase(initial);
            String[] starting = words.stream()
                    .filter(word -> Character.toLowerCase(word.charAt(0)) == lower).toArray(String[]::new);
            byInitial[initial] = starting.length == 0 ? null : starting;
        }
        this.nonAsciiStarts = words.stream().anyMatch(word -> word.charAt(0) >= 128)
                ? words.toArray(String[]::new) : null;
        int letters = 0;
        for (String word : words) {
            char initial = Character.toLowerCase(word.charAt(0));
            letters |= initial >= 'a' && initial <= 'z' ? 1 << (initial - 'a') : -1;
        }
        this.initialLetters = letters;
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

    /**
     * Like {@link #appearIn(String)} for a text of that profile, answered at once where no word of the text
     * begins with a letter these words begin with.
     */
    public boolean appearIn(String text, TextProfile profile) {
        return mayAppearIn(profile) && appearIn(text);
    }

    /** False where no word of a text of that profile begins with a letter these words begin with. */
    boolean mayAppearIn(TextProfile profile) {
        return !none && (initialLetters == -1 || (initialLetters & profile.wordInitials()) != 0);
    }

    /** Whether one of the words occurs within {@code [from, to)} of {@code text}. */
    public boolean appearIn(String text, int from, int to) {
        if (none) {
            return false;
        }
        for (int i = Math.max(0, from); i < to; i++) {
            char c = text.charAt(i);
            String[] starting = c < 128 ? byInitial[c] : nonAsciiStarts;
            if (starting != null && !isLetter(text, i - 1) && startsWord(starting, text, i, to)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWord(String[] candidates, String text, int at, int to) {
        for (String word : candidates) {
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
