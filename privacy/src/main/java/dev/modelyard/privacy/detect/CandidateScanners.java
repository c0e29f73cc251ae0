package dev.modelyard.privacy.detect;

/**
 * Hand-written scanners of the built-in kinds whose values are common in data: each reads the few characters
 * its shape allows and answers exactly what its regular expression (given with each) answers when matched at
 * the start with {@code lookingAt} and transparent bounds, where {@code \w}, {@code \d} and {@code \b} are
 * ASCII. A regular expression tries alternatives and backtracks character by character; the shapes here are
 * simple enough to settle each choice by looking ahead, so a scanner reads each character about once.
 * <p>
 * All of one class: the call site that runs them sees a single receiver class and calls them directly.
 */
enum CandidateScanners implements CandidateScanner {

    /** {@code (?<![\w-]|\d[ -])\d(?:[ -]?\d){12,18}(?![\w-]|[ -]\d)}. */
    CARD_NUMBER,
    /** {@code (?<![\d-])(?!000|666|9\d\d)\d{3}([- ])(?!00)\d{2}\1(?!0000)\d{4}(?![\d-])}. */
    SSN,
    /**
     * {@code (?<![\w:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![\w:-])}, or
     * {@code (?<![\w.])[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}(?![\w.])}.
     */
    MAC_ADDRESS,
    /** {@code \b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b}. */
    IBAN,
    /** {@code (?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?![\w-])}. */
    EMAIL,
    /**
     * The first of {@code \b(?:AKIA|ASIA)[0-9A-Z]{16}\b}, {@code \bgh[pousr]_[A-Za-z0-9]{36}\b},
     * {@code \bgithub_pat_[A-Za-z0-9_]{22,}}, {@code \bxox[baprs]-[A-Za-z0-9-]{10,}},
     * {@code \b[sr]k_live_[A-Za-z0-9]{16,}}, {@code \bAIza[0-9A-Za-z_-]{35}},
     * {@code -----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----(?:[\s\S]*?-----END (?:[A-Z]+ )*PRIVATE KEY-----)?} and
     * {@code \beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}} to match.
     */
    KNOWN_SECRET,
    /** {@code (?<![A-Za-z0-9+/=_-])[A-Za-z0-9+/=_-]{20,}(?![A-Za-z0-9+/=_-])}. */
    LONG_TOKEN,
    /**
     * {@code (?<![\d.])OCTET(?:\.OCTET){3}(?!\d|\.\d)} with {@code OCTET} {@code (?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)},
     * or {@code (?<![\w:.-])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\w:-]|\.\d)}.
     */
    IP_ADDRESS;

    /** Stands for the character before the text and after it: no class of the shapes holds it. */
    private static final char NONE = '\0';
    private static final String PRIVATE_KEY_BEGIN = "-----BEGIN ";
    private static final String PRIVATE_KEY_END_LINE = "-----END ";
    private static final String PRIVATE_KEY_END = "PRIVATE KEY-----";

    /*
     * Character classes as bits of a table: one lookup per character, where a chain of range comparisons
     * mispredicts on random keys and tokens.
     */
    private static final int DIGIT = 1;
    private static final int UPPER = 1 << 1;
    private static final int LOWER = 1 << 2;
    private static final int HEX_LETTER = 1 << 3;
    private static final int UNDERSCORE = 1 << 4;
    private static final int DASH = 1 << 5;
    private static final int PLUS = 1 << 6;
    private static final int DOT_OR_PERCENT = 1 << 7;
    private static final int SLASH_OR_EQUALS = 1 << 8;
    private static final int HEX = DIGIT | HEX_LETTER;
    private static final int LETTER = UPPER | LOWER;
    private static final int ALPHANUMERIC = LETTER | DIGIT;
    /** {@code \w} as Java's patterns read it without the Unicode flag. */
    private static final int WORD = ALPHANUMERIC | UNDERSCORE;
    /** {@code [A-Za-z0-9-]}: domain labels, Slack tokens. */
    private static final int ALPHANUMERIC_OR_DASH = ALPHANUMERIC | DASH;
    /** {@code [A-Za-z0-9_-]}: URL-safe base64. */
    private static final int TOKEN_WORD = WORD | DASH;
    /** {@code [A-Za-z0-9._%+-]}: an e-mail's local part. */
    private static final int LOCAL_PART = WORD | DOT_OR_PERCENT | PLUS | DASH;
    /** {@code [A-Za-z0-9+/=_-]}: keys and base64 blobs. */
    private static final int TOKEN = TOKEN_WORD | PLUS | SLASH_OR_EQUALS;
    private static final int[] CLASSES = new int[128];

    static {
        for (char c = 0; c < 128; c++) {
            CLASSES[c] = (c >= '0' && c <= '9' ? DIGIT : 0) | (c >= 'A' && c <= 'Z' ? UPPER : 0)
                    | (c >= 'a' && c <= 'z' ? LOWER : 0) | (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F' ? HEX_LETTER : 0)
                    | (c == '_' ? UNDERSCORE : 0) | (c == '-' ? DASH : 0) | (c == '+' ? PLUS : 0)
                    | (c == '.' || c == '%' ? DOT_OR_PERCENT : 0) | (c == '/' || c == '=' ? SLASH_OR_EQUALS : 0);
        }
    }

    @Override
    public int end(String text, int start) {
        return switch (this) {
            case CARD_NUMBER -> cardNumber(text, start);
            case SSN -> ssn(text, start);
            case MAC_ADDRESS -> macAddress(text, start);
            case IBAN -> iban(text, start);
            case EMAIL -> email(text, start);
            case KNOWN_SECRET -> knownSecret(text, start);
            case LONG_TOKEN -> longToken(text, start);
            case IP_ADDRESS -> ipAddress(text, start);
        };
    }

    /**
     * Each group ({@code [ -]?\d}) can be read one way only, and a match ending before the last group fails
     * the lookahead (a digit or a separated digit follows): so the chain must be whole and 13 to 19 digits long.
     */
    private static int cardNumber(String text, int start) {
        char previous = charAt(text, start - 1);
        if (!isDigit(charAt(text, start)) || isWordChar(previous) || previous == '-'
                || previous == ' ' && isDigit(charAt(text, start - 2))) {
            return -1;
        }
        int at = start + 1;
        int groups = 0;
        for (; groups <= 18; groups++) {
            char c = charAt(text, at);
            if (isDigit(c)) {
                at++;
            } else if ((c == ' ' || c == '-') && isDigit(charAt(text, at + 1))) {
                at += 2;
            } else {
                break;
            }
        }
        char after = charAt(text, at);
        if (groups < 12 || groups > 18
                || isWordChar(after) || after == '-' || after == ' ' && isDigit(charAt(text, at + 1))) {
            return -1;
        }
        return at;
    }

    private static int ssn(String text, int start) {
        char previous = charAt(text, start - 1);
        if (isDigit(previous) || previous == '-' || !are(text, start, 3, DIGIT)
                || text.startsWith("000", start) || text.startsWith("666", start) || text.charAt(start) == '9') {
            return -1;
        }
        char separator = charAt(text, start + 3);
        if (separator != '-' && separator != ' ' || !are(text, start + 4, 2, DIGIT) || text.startsWith("00", start + 4)
                || charAt(text, start + 6) != separator
                || !are(text, start + 7, 4, DIGIT) || text.startsWith("0000", start + 7)) {
            return -1;
        }
        char after = charAt(text, start + 11);
        return isDigit(after) || after == '-' ? -1 : start + 11;
    }

    /** Six pairs joined by one separator, colon or dash; else three dotted quads. */
    private static int macAddress(String text, int start) {
        char previous = charAt(text, start - 1);
        if (isWordChar(previous)) {
            return -1;
        }
        char separator = charAt(text, start + 2);
        if (previous != ':' && previous != '-' && (separator == ':' || separator == '-')) {
            boolean pairs = are(text, start, 2, HEX);
            for (int at = start + 2; pairs && at < start + 17; at += 3) {
                pairs = charAt(text, at) == separator && are(text, at + 1, 2, HEX);
            }
            char after = charAt(text, start + 17);
            if (pairs && !isWordChar(after) && after != ':' && after != '-') {
                return start + 17;
            }
        }
        if (previous == '.' || !are(text, start, 4, HEX) || charAt(text, start + 4) != '.' || !are(text, start + 5, 4, HEX)
                || charAt(text, start + 9) != '.' || !are(text, start + 10, 4, HEX)) {
            return -1;
        }
        char after = charAt(text, start + 14);
        return isWordChar(after) || after == '.' ? -1 : start + 14;
    }

    /**
     * Each block ({@code  ?[A-Z0-9]{4}}) can be read one way only; the pattern then backtracks from the most
     * blocks to the fewest, and for each from the longest tail to none, until a word boundary follows.
     */
    private static int iban(String text, int start) {
        if (!isUpper(charAt(text, start)) || !isUpper(charAt(text, start + 1)) || !are(text, start + 2, 2, DIGIT)
                || !isWordBoundary(text, start)) {
            return -1;
        }
        int at = start + 4;
        int blocks = 0;
        while (blocks < 7) {
            int skip = charAt(text, at) == ' ' ? 1 : 0;
            if (!are(text, at + skip, 4, UPPER | DIGIT)) {
                break;
            }
            at += skip + 4;
            blocks++;
        }
        for (; blocks >= 2; blocks--) {
            int tailStart = charAt(text, at) == ' ' ? at + 1 : at;
            int tail = 0;
            while (tail < 4 && is(charAt(text, tailStart + tail), UPPER | DIGIT)) {
                tail++;
            }
            for (; tail >= 1; tail--) {
                if (isWordBoundary(text, tailStart + tail)) {
                    return tailStart + tail;
                }
            }
            if (isWordBoundary(text, at)) {
                return at;
            }
            // Back to the end of the block before, which ends in a letter or digit: a space before this one was its own.
            at = charAt(text, at - 5) == ' ' ? at - 5 : at - 4;
        }
        return -1;
    }

    /**
     * The local part ends where its characters do, and every domain label runs as far as its characters go
     * (a shorter one would leave no dot to continue at): the match ends after the last label that is all
     * letters, at least two, and not followed by a word character.
     */
    private static int email(String text, int start) {
        if (is(charAt(text, start - 1), LOCAL_PART)) {
            return -1;
        }
        int at = start;
        while (is(charAt(text, at), LOCAL_PART)) {
            at++;
        }
        if (at == start || charAt(text, at) != '@') {
            return -1;
        }
        int labelEnd = skipDomainChars(text, at + 1);
        if (labelEnd == at + 1) {
            return -1;
        }
        int end = -1;
        while (charAt(text, labelEnd) == '.' && is(charAt(text, labelEnd + 1), ALPHANUMERIC_OR_DASH)) {
            int labelStart = labelEnd + 1;
            labelEnd = skipDomainChars(text, labelStart);
            if (isTopLevelLabel(text, labelStart, labelEnd)) {
                end = labelEnd;
            }
        }
        return end;
    }

    /**
     * All letters, at least two, and followed by neither a word character nor a dash: as a label runs as far
     * as letters, digits and dashes go, only an underscore can still follow it.
     */
    private static boolean isTopLevelLabel(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!is(text.charAt(i), LETTER)) {
                return false;
            }
        }
        return end - start >= 2 && charAt(text, end) != '_';
    }

    /** The alternatives begin differently, so the first character picks the only one that can match. */
    private static int knownSecret(String text, int start) {
        char first = charAt(text, start);
        if (first == '-') {
            return privateKey(text, start);
        }
        if (!isWordBoundary(text, start)) {
            return -1;
        }
        return switch (first) {
            case 'A' -> text.startsWith("AKIA", start) || text.startsWith("ASIA", start)
                    ? endingAWord(text, fixedRun(text, start + 4, 16, UPPER | DIGIT))
                    : text.startsWith("AIza", start) ? fixedRun(text, start + 4, 35, TOKEN_WORD) : -1;
            case 'g' -> text.startsWith("github_pat_", start) ? run(text, start + 11, 22, WORD)
                    : text.startsWith("gh", start) && isOneOf(charAt(text, start + 2), "pousr")
                    && charAt(text, start + 3) == '_' ? endingAWord(text, fixedRun(text, start + 4, 36, ALPHANUMERIC)) : -1;
            case 'x' -> text.startsWith("xox", start) && isOneOf(charAt(text, start + 3), "baprs")
                    && charAt(text, start + 4) == '-' ? run(text, start + 5, 10, ALPHANUMERIC_OR_DASH) : -1;
            case 's', 'r' -> text.startsWith("k_live_", start + 1) ? run(text, start + 8, 16, ALPHANUMERIC) : -1;
            case 'e' -> jsonWebToken(text, start);
            default -> -1;
        };
    }

    /** {@code end} where a word boundary follows, else -1. */
    private static int endingAWord(String text, int end) {
        return end >= 0 && isWordBoundary(text, end) ? end : -1;
    }

    /** Three dot-separated runs, the first two starting {@code eyJ}, of at least eight characters after it. */
    private static int jsonWebToken(String text, int start) {
        if (!text.startsWith("eyJ", start)) {
            return -1;
        }
        int header = run(text, start + 3, 8, TOKEN_WORD);
        if (header < 0 || charAt(text, header) != '.' || !text.startsWith("eyJ", header + 1)) {
            return -1;
        }
        int payload = run(text, header + 4, 8, TOKEN_WORD);
        if (payload < 0 || charAt(text, payload) != '.') {
            return -1;
        }
        return run(text, payload + 1, 8, TOKEN_WORD);
    }

    /**
     * The header, and the whole block where an end line follows anywhere later (the nearest one). The words
     * before {@code PRIVATE KEY-----} are read as far as they go, then given back one by one.
     */
    private static int privateKey(String text, int start) {
        if (!text.startsWith(PRIVATE_KEY_BEGIN, start)) {
            return -1;
        }
        int header = privateKeyLine(text, start + PRIVATE_KEY_BEGIN.length());
        if (header < 0) {
            return -1;
        }
        for (int end = text.indexOf(PRIVATE_KEY_END_LINE, header); end >= 0;
                end = text.indexOf(PRIVATE_KEY_END_LINE, end + 1)) {
            int block = privateKeyLine(text, end + PRIVATE_KEY_END_LINE.length());
            if (block >= 0) {
                return block;
            }
        }
        return header;
    }

    /** The end of {@code (?:[A-Z]+ )*PRIVATE KEY-----} at {@code from}, or -1. */
    private static int privateKeyLine(String text, int from) {
        int at = from;
        while (true) {
            int word = at;
            while (isUpper(charAt(text, word))) {
                word++;
            }
            if (word == at || charAt(text, word) != ' ') {
                break;
            }
            at = word + 1;
        }
        while (!text.startsWith(PRIVATE_KEY_END, at)) {
            if (at == from) {
                return -1;
            }
            // Give back the last word: its space, then its capitals, which a space or the first word's start precedes.
            at--;
            while (at > from && isUpper(text.charAt(at - 1))) {
                at--;
            }
        }
        return at + PRIVATE_KEY_END.length();
    }

    private static int longToken(String text, int start) {
        if (is(charAt(text, start - 1), TOKEN)) {
            return -1;
        }
        int at = start;
        while (is(charAt(text, at), TOKEN)) {
            at++;
        }
        return at - start >= Recognizers.SECRET_MIN_LENGTH ? at : -1;
    }

    private static int ipAddress(String text, int start) {
        int ipv4 = ipv4(text, start);
        return ipv4 >= 0 ? ipv4 : ipv6(text, start);
    }

    /**
     * Four octets: an octet but the last must be followed by its dot, and the last by no digit, so each is its
     * whole run of digits, which must spell a number up to 255 without a leading zero.
     */
    private static int ipv4(String text, int start) {
        char previous = charAt(text, start - 1);
        if (isDigit(previous) || previous == '.') {
            return -1;
        }
        int at = start;
        for (int octet = 0; octet < 4; octet++) {
            if (octet > 0) {
                if (charAt(text, at) != '.') {
                    return -1;
                }
                at++;
            }
            int digits = digitRun(text, at, 4);
            if (!isOctet(text, at, digits)) {
                return -1;
            }
            at += digits;
        }
        return charAt(text, at) == '.' && isDigit(charAt(text, at + 1)) ? -1 : at;
    }

    private static boolean isOctet(String text, int at, int digits) {
        return switch (digits) {
            case 1 -> true;
            case 2 -> text.charAt(at) != '0';
            case 3 -> text.charAt(at) == '1' || text.charAt(at) == '2'
                    && (text.charAt(at + 1) < '5' || text.charAt(at + 1) == '5' && text.charAt(at + 2) <= '5');
            default -> false;
        };
    }

    /**
     * Each group ({@code [0-9A-Fa-f]{0,4}:}) is its whole run of hex digits and a colon, read one way only. The
     * pattern then backtracks from the most groups to the fewest, and for each tries a dotted tail, a hex group
     * and none, each from longest to shortest, until the lookahead holds.
     */
    private static int ipv6(String text, int start) {
        char previous = charAt(text, start - 1);
        if (isWordChar(previous) || previous == ':' || previous == '.' || previous == '-') {
            return -1;
        }
        int at = start;
        int groups = 0;
        while (groups < 7) {
            int hex = hexRun(text, at, 5);
            if (hex > 4 || charAt(text, at + hex) != ':') {
                break;
            }
            at += hex + 1;
            groups++;
        }
        for (; groups >= 2; groups--) {
            int end = ipv6Tail(text, at);
            if (end >= 0) {
                return end;
            }
            // Back to the end of the group before: over this group's colon and hex digits.
            at--;
            while (at > start && isHex(text.charAt(at - 1))) {
                at--;
            }
        }
        return -1;
    }

    /** The first end after the groups at {@code at} that the lookahead lets stand, or -1. */
    private static int ipv6Tail(String text, int at) {
        int last = dottedQuadLastPart(text, at);
        if (last >= 0) {
            for (int digits = Math.min(3, digitRun(text, last, 3)); digits >= 1; digits--) {
                if (endsIpv6(text, last + digits)) {
                    return last + digits;
                }
            }
        }
        for (int hex = hexRun(text, at, 4); hex >= 0; hex--) {
            if (endsIpv6(text, at + hex)) {
                return at + hex;
            }
        }
        return -1;
    }

    /** Where the last part of {@code \d{1,3}(?:\.\d{1,3}){3}} begins at {@code at} (three parts and dots read), or -1. */
    private static int dottedQuadLastPart(String text, int at) {
        for (int part = 0; part < 3; part++) {
            int digits = digitRun(text, at, 4);
            if (digits < 1 || digits > 3 || charAt(text, at + digits) != '.') {
                return -1;
            }
            at += digits + 1;
        }
        return isDigit(charAt(text, at)) ? at : -1;
    }

    /** {@code (?![\w:-]|\.\d)} at {@code at}. */
    private static boolean endsIpv6(String text, int at) {
        char c = charAt(text, at);
        return !isWordChar(c) && c != ':' && c != '-' && !(c == '.' && isDigit(charAt(text, at + 1)));
    }

    /** The number of digits from {@code from} on, counted up to {@code max}. */
    private static int digitRun(String text, int from, int max) {
        int count = 0;
        while (count < max && isDigit(charAt(text, from + count))) {
            count++;
        }
        return count;
    }

    /** The number of hex digits from {@code from} on, counted up to {@code max}. */
    private static int hexRun(String text, int from, int max) {
        int count = 0;
        while (count < max && isHex(charAt(text, from + count))) {
            count++;
        }
        return count;
    }

    /** The end of a run of at least {@code min} characters of the classes of {@code mask} from {@code from} on, or -1. */
    private static int run(String text, int from, int min, int mask) {
        int at = from;
        while (is(charAt(text, at), mask)) {
            at++;
        }
        return at - from >= min ? at : -1;
    }

    /** The end of exactly {@code length} characters of the classes of {@code mask} from {@code from} on, or -1. */
    private static int fixedRun(String text, int from, int length, int mask) {
        return are(text, from, length, mask) ? from + length : -1;
    }

    /**
     * Whether {@code \b} holds at {@code at} as {@code java.util.regex} decides it: a word character on one side
     * only, where a non-spacing mark after a letter or digit counts as one.
     */
    static boolean isWordBoundary(String text, int at) {
        boolean left = at > 0 && countsAsWord(text, Character.codePointBefore(text, at), at - 1);
        boolean right = at < text.length() && countsAsWord(text, Character.codePointAt(text, at), at);
        return left != right;
    }

    private static boolean countsAsWord(String text, int codePoint, int at) {
        if (codePoint < 128) {
            return isWordChar((char) codePoint);
        }
        return Character.getType(codePoint) == Character.NON_SPACING_MARK && hasBaseCharacter(text, at);
    }

    /** Whether the marks from {@code at} back follow a letter or digit. */
    private static boolean hasBaseCharacter(String text, int at) {
        for (int i = at; i >= 0; i--) {
            int codePoint = Character.codePointAt(text, i);
            if (Character.isLetterOrDigit(codePoint)) {
                return true;
            }
            if (Character.getType(codePoint) != Character.NON_SPACING_MARK) {
                return false;
            }
        }
        return false;
    }

    private static int skipDomainChars(String text, int from) {
        int at = from;
        while (is(charAt(text, at), ALPHANUMERIC_OR_DASH)) {
            at++;
        }
        return at;
    }

    /** Whether the {@code count} characters from {@code from} on are all in the classes of {@code mask}. */
    private static boolean are(String text, int from, int count, int mask) {
        for (int i = from; i < from + count; i++) {
            if (!is(charAt(text, i), mask)) {
                return false;
            }
        }
        return true;
    }

    /** The character at {@code index}, or {@link #NONE} before the text's start and past its end. */
    private static char charAt(String text, int index) {
        return index >= 0 && index < text.length() ? text.charAt(index) : NONE;
    }

    private static boolean isOneOf(char c, String chars) {
        return c != NONE && chars.indexOf(c) >= 0;
    }

    /** Whether {@code c} is in one of the classes of {@code mask} (bits of {@link #CLASSES}). */
    private static boolean is(char c, int mask) {
        return c < 128 && (CLASSES[c] & mask) != 0;
    }

    private static boolean isDigit(char c) {
        return is(c, DIGIT);
    }

    private static boolean isUpper(char c) {
        return is(c, UPPER);
    }

    private static boolean isHex(char c) {
        return is(c, HEX);
    }

    private static boolean isWordChar(char c) {
        return is(c, WORD);
    }
}
