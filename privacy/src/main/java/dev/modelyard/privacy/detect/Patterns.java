package dev.modelyard.privacy.detect;

import java.util.regex.Pattern;

/**
 * Compiles patterns with their character classes' letter and digit ranges spelled out: {@code java.util.regex}
 * tests a class of single characters in one table lookup, but a class with ranges ({@code [A-Za-z0-9._%+-]})
 * as a chain of predicates, one call per range, for every character it reads. {@code [A-F]} and
 * {@code [ABCDEF]} are the same class, so the patterns match exactly what they say.
 */
final class Patterns {

    private Patterns() {
    }

    static Pattern compile(String regex) {
        return Pattern.compile(withExplicitRanges(regex));
    }

    /**
     * {@code regex} with each range of letters or digits inside a character class ({@code A-Z}, {@code 0-9},
     * {@code A-P}) written as its characters. Left whole where that could change what the pattern reads:
     * quoted text ({@code \Q}), nested classes and intersections ({@code [a-z&&[^x]]}), a range next to a
     * dash that its expansion could turn into another range.
     */
    static String withExplicitRanges(String regex) {
        if (regex.contains("\\Q")) {
            return regex;
        }
        StringBuilder out = new StringBuilder(regex.length() + 64);
        boolean inClass = false;
        int n = regex.length();
        for (int i = 0; i < n; i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                out.append(c);
                if (i + 1 < n) {
                    out.append(regex.charAt(++i));
                }
                continue;
            }
            if (!inClass) {
                out.append(c);
                if (c == '[') {
                    inClass = true;
                    if (i + 1 < n && regex.charAt(i + 1) == '^') {
                        out.append('^');
                        i++;
                    }
                    if (i + 1 < n && regex.charAt(i + 1) == ']') {
                        return regex;
                    }
                }
                continue;
            }
            if (c == '[' || c == '&' && i + 1 < n && regex.charAt(i + 1) == '&') {
                return regex;
            }
            if (c == ']') {
                inClass = false;
                out.append(c);
                continue;
            }
            if (i + 2 < n && regex.charAt(i + 1) == '-' && regex.charAt(i + 2) != ']') {
                char last = regex.charAt(i + 2);
                if (!isExpandable(c, last) || endsInDash(out) || isDashBeforeMore(regex, i + 3)) {
                    return regex;
                }
                for (char each = c; each <= last; each++) {
                    out.append(each);
                }
                i += 2;
                continue;
            }
            out.append(c);
        }
        return regex.equals(out.toString()) ? regex : out.toString();
    }

    /** A range within one of {@code 0-9}, {@code A-Z} and {@code a-z}, none of whose characters is special in a class. */
    private static boolean isExpandable(char first, char last) {
        return first <= last && (first >= '0' && last <= '9' || first >= 'A' && last <= 'Z' || first >= 'a' && last <= 'z');
    }

    private static boolean endsInDash(StringBuilder out) {
        return out.length() > 0 && out.charAt(out.length() - 1) == '-';
    }

    /** A dash at {@code at} that starts a range rather than ending the class. */
    private static boolean isDashBeforeMore(String regex, int at) {
        return at + 1 < regex.length() && regex.charAt(at) == '-' && regex.charAt(at + 1) != ']';
    }
}
