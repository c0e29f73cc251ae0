package dev.modelyard.privacy.detect;

/**
 * Where each built-in kind's values can begin. A pattern searched for across a text tries every position
 * with its lookbehinds and alternatives; these tests look at the character before a position and the first
 * few at it, so a pattern is only tried where one of its values could start. Each test is a necessary
 * condition of its pattern (its lookbehind and its first characters), never a sufficient one: the pattern
 * still decides, so findings are the same as searching the whole text. The kinds a {@link CandidateScanners
 * scanner} reads have their tables only: a scanner refuses a wrong start after as few characters as a test
 * would read, so a test in front of it would read them twice.
 */
final class CandidateStarts {

    private static final char NONE = '\0';
    private static final String DIGITS = "0123456789";
    private static final String UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    private static final String HEX = DIGITS + "ABCDEFabcdef";
    private static final String WORD = UPPER + LOWER + DIGITS + "_";

    /** Each with the characters its candidates begin with and those they never follow. */
    static final CandidateStart EMAIL = CandidateStart.of(WORD + ".%+-", WORD + ".%+-");
    static final CandidateStart URL_WITH_CREDENTIALS = CandidateStart.of(UPPER + LOWER, WORD,
            Shape.URL_WITH_CREDENTIALS);
    static final CandidateStart PHONE = CandidateStart.of(DIGITS + "+(", WORD + "+(", Shape.PHONE);
    static final CandidateStart CARD_NUMBER = CandidateStart.of(DIGITS, WORD + "-");
    static final CandidateStart IBAN = CandidateStart.of(UPPER, WORD);
    static final CandidateStart IP_ADDRESS = CandidateStart.of(HEX + ":", DIGITS + ".");
    static final CandidateStart MAC_ADDRESS = CandidateStart.of(HEX, WORD);
    static final CandidateStart SSN = CandidateStart.of(DIGITS, DIGITS + "-");
    static final CandidateStart DATE = CandidateStart.of(DIGITS + "JFMASOND", WORD + "./-", Shape.DATE);
    static final CandidateStart POSTAL_CODE = CandidateStart.of(DIGITS, WORD + ".,-", Shape.POSTAL_CODE);
    static final CandidateStart UK_POSTCODE = CandidateStart.of(UPPER, WORD, Shape.UK_POSTCODE);
    static final CandidateStart UK_NINO = CandidateStart.of(UPPER, WORD, Shape.UK_NINO);
    static final CandidateStart SPANISH_ID = CandidateStart.of(DIGITS + "XYZ", WORD, Shape.SPANISH_ID);
    static final CandidateStart ITALIAN_FISCAL_CODE = CandidateStart.of(UPPER, WORD, Shape.ITALIAN_FISCAL_CODE);
    static final CandidateStart FRENCH_NIR = CandidateStart.of("12", WORD + "-", Shape.FRENCH_NIR);
    static final CandidateStart KNOWN_SECRET = CandidateStart.of("Agxsre-", "");
    static final CandidateStart LONG_TOKEN = CandidateStart.of(WORD + "+/=-", WORD + "+/=-");

    private CandidateStarts() {
    }

    /**
     * The tests, all of one class: the call site that runs them sees a single receiver class and calls them
     * directly, where a lambda per test would have it look each one up at every call.
     */
    enum Shape implements CandidateStart.Test {
        URL_WITH_CREDENTIALS, PHONE, DATE, POSTAL_CODE, UK_POSTCODE,
        UK_NINO, SPANISH_ID, ITALIAN_FISCAL_CODE, FRENCH_NIR;

        @Override
        public boolean mayStartAt(String text, int at) {
            return switch (this) {
                case URL_WITH_CREDENTIALS -> urlWithCredentials(text, at);
                case PHONE -> phone(text, at);
                case DATE -> date(text, at);
                case POSTAL_CODE -> postalCode(text, at);
                case UK_POSTCODE -> ukPostcode(text, at);
                case UK_NINO -> ukNino(text, at);
                case SPANISH_ID -> spanishId(text, at);
                case ITALIAN_FISCAL_CODE -> italianFiscalCode(text, at);
                case FRENCH_NIR -> frenchNir(text, at);
            };
        }
    }

    /** A scheme starting a word and ending in {@code ://}. */
    static boolean urlWithCredentials(String text, int at) {
        if (!isLetter(text.charAt(at)) || isWordChar(before(text, at))) {
            return false;
        }
        int i = at + 1;
        while (i < text.length() && isSchemeChar(text.charAt(i))) {
            i++;
        }
        return text.startsWith("://", i);
    }

    /**
     * {@code +} and a digit, {@code (} and a digit, three digits and a separator, or a trunk {@code 0} and a
     * non-zero digit; never inside a word or a chain of digit groups.
     */
    static boolean phone(String text, int at) {
        char c = text.charAt(at);
        char previous = before(text, at);
        if (isWordChar(previous) || previous == '+' || previous == '(' || continuesDigitChain(text, at, " .-")) {
            return false;
        }
        if (c == '+' || c == '(') {
            return isDigit(charAt(text, at + 1));
        }
        if (!isDigit(c)) {
            return false;
        }
        return c == '0' && charAt(text, at + 1) >= '1' && charAt(text, at + 1) <= '9'
                || isDigit(charAt(text, at + 1)) && isDigit(charAt(text, at + 2)) && isOneOf(charAt(text, at + 3), " .-");
    }

    /**
     * The capital initial of a month name, or a day or month of one or two digits followed by a separator or
     * a space, or a year of four followed by a dash; not continuing a word, number or date.
     */
    static boolean date(String text, int at) {
        char c = text.charAt(at);
        char previous = before(text, at);
        if (isWordChar(previous) || previous == '.' || previous == '/' || previous == '-') {
            return false;
        }
        if (!isDigit(c)) {
            return isOneOf(c, "JFMASOND");
        }
        int digits = 1;
        while (digits < 4 && isDigit(charAt(text, at + digits))) {
            digits++;
        }
        char after = charAt(text, at + digits);
        return digits <= 2 && isOneOf(after, "./- ") || digits == 4 && after == '-';
    }

    /** Exactly five digits, not continuing a number or an amount. */
    static boolean postalCode(String text, int at) {
        char previous = before(text, at);
        if (isWordChar(previous) || previous == '.' || previous == ',' || previous == '-') {
            return false;
        }
        for (int i = at; i < at + 5; i++) {
            if (!isDigit(charAt(text, i))) {
                return false;
            }
        }
        return !isDigit(charAt(text, at + 5));
    }

    /** A capital starting a word, then a digit, or a second capital and a digit. */
    static boolean ukPostcode(String text, int at) {
        return isUpper(text.charAt(at)) && !isWordChar(before(text, at))
                && (isDigit(charAt(text, at + 1)) || isUpper(charAt(text, at + 1)) && isDigit(charAt(text, at + 2)));
    }

    /** Two capitals starting a word, then a digit, directly or after a space. */
    static boolean ukNino(String text, int at) {
        return isUpper(text.charAt(at)) && isUpper(charAt(text, at + 1)) && !isWordChar(before(text, at))
                && (isDigit(charAt(text, at + 2)) || charAt(text, at + 2) == ' ' && isDigit(charAt(text, at + 3)));
    }

    /** Eight digits (DNI) or X, Y or Z and a digit (NIE), starting a word. */
    static boolean spanishId(String text, int at) {
        char c = text.charAt(at);
        if (isWordChar(before(text, at))) {
            return false;
        }
        if (c == 'X' || c == 'Y' || c == 'Z') {
            return isDigit(charAt(text, at + 1)) || charAt(text, at + 1) == '-' && isDigit(charAt(text, at + 2));
        }
        for (int i = at; i < at + 8; i++) {
            if (!isDigit(charAt(text, i))) {
                return false;
            }
        }
        return true;
    }

    /** Six capitals starting a word, then two digits. */
    static boolean italianFiscalCode(String text, int at) {
        if (isWordChar(before(text, at))) {
            return false;
        }
        for (int i = at; i < at + 6; i++) {
            if (!isUpper(charAt(text, i))) {
                return false;
            }
        }
        return isDigit(charAt(text, at + 6)) && isDigit(charAt(text, at + 7));
    }

    /** A sex digit (1 or 2) not continuing a word or number, then a digit, directly or after a space. */
    static boolean frenchNir(String text, int at) {
        char c = text.charAt(at);
        char previous = before(text, at);
        return (c == '1' || c == '2') && !isWordChar(previous) && previous != '-'
                && (isDigit(charAt(text, at + 1)) || charAt(text, at + 1) == ' ' && isDigit(charAt(text, at + 2)));
    }

    /** Whether the digit at {@code at} follows a digit and one of {@code separators}, as in the tail of a grouped number. */
    private static boolean continuesDigitChain(String text, int at, String separators) {
        return at >= 2 && isOneOf(text.charAt(at - 1), separators) && isDigit(text.charAt(at - 2));
    }

    private static boolean isOneOf(char c, String chars) {
        return c != NONE && chars.indexOf(c) >= 0;
    }

    private static char before(String text, int at) {
        return at > 0 ? text.charAt(at - 1) : NONE;
    }

    private static char charAt(String text, int index) {
        return index < text.length() ? text.charAt(index) : NONE;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** A character of {@code \w} as Java's patterns read it without the Unicode flag. */
    private static boolean isWordChar(char c) {
        return isLetter(c) || isDigit(c) || c == '_';
    }

    private static boolean isSchemeChar(char c) {
        return isLetter(c) || isDigit(c) || c == '+' || c == '.' || c == '-';
    }
}
