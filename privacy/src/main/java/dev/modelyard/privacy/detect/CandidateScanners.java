package dev.modelyard.privacy.detect;

/**
 * Hand-written scanners of the built-in kinds: each reads the few characters its shape allows and answers
 * exactly what its regular expression (given with each) answers when matched at the start with
 * {@code lookingAt} and transparent bounds, where {@code \w}, {@code \d} and {@code \b} are ASCII. A regular
 * expression tries alternatives and backtracks character by character; the shapes here are simple enough to
 * settle most choices by looking ahead, so a scanner reads each character about once, and where digits may
 * split between groups in several ways (an international phone number) it tries only those splits.
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
    IP_ADDRESS,
    /**
     * {@code (?<![\w+(]|\d[ .-])(?:\+\d{1,3}(?:[ .-]?\(?\d{1,4}\)?){2,6}|(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}
     * |0[1-9]\d{0,3}(?:[ /.-]\d{2,8}){1,4})(?![\w)])}.
     */
    PHONE_NUMBER,
    /**
     * {@code (?<![\w./-])(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}\.? MONTH \d{4}
     * |MONTH \d{1,2},? \d{4})(?![\w/-]|\.\d)} with {@code MONTH}
     * {@code (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?}.
     */
    DATE,
    /** {@code (?<![\w.,-])\d{5}(?:-\d{4})?(?![\w-]|[.,]\d)}. */
    POSTAL_CODE,
    /** {@code \b(?:[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]?) ?\d[ABD-HJLNP-UW-Z]{2}\b}. */
    UK_POSTCODE,
    /** {@code \b[A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b}. */
    UK_NINO,
    /** {@code \b(?:\d{8}|[XYZ]-?\d{7})-?[A-Z]\b}. */
    SPANISH_ID,
    /** {@code \b[A-Z]{6}\d{2}[A-EHLMPRST]\d{2}[A-Z]\d{3}[A-Z]\b}. */
    ITALIAN_FISCAL_CODE,
    /**
     * {@code (?<![\w-])[12] ?\d{2} ?(?:0[1-9]|1[0-2]|[2-9]\d) ?(?:\d{2}|2[AB]) ?\d{3} ?\d{3} ?\d{2}(?![\w-])}.
     */
    FRENCH_NIR,
    /** {@code \b[A-Za-z][A-Za-z0-9+.-]{1,15}://[^\s:/@]+:[^\s/@]+@[^\s/?#,;"']+}. */
    URL_WITH_CREDENTIALS;

    /** Stands for the character before the text and after it: no class of the shapes holds it. */
    private static final char NONE = '\0';
    private static final String PRIVATE_KEY_BEGIN = "-----BEGIN ";
    private static final String PRIVATE_KEY_END_LINE = "-----END ";
    private static final String PRIVATE_KEY_END = "PRIVATE KEY-----";
    private static final String[] MONTH_ABBREVIATIONS = {
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    /** The digits of a NIR's commune, order number and key, each after an optional space. */
    private static final int[] NIR_TAIL_GROUPS = {3, 3, 2};
    /** {@code \s} as Java's patterns read it without the Unicode flag. */
    private static final String WHITESPACE = " \t\n\u000B\f\r";

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
    /** {@code [A-PR-UWYZ]}, {@code [A-HK-Y]} and {@code [ABD-HJLNP-UW-Z]}: a UK postcode's area and inward letters. */
    private static final int POSTCODE_AREA = 1 << 9;
    private static final int POSTCODE_AREA_SECOND = 1 << 10;
    private static final int POSTCODE_INWARD = 1 << 11;
    /** {@code [A-CEGHJ-PR-TW-Z]}, {@code [A-CEGHJ-NPR-TW-Z]} and {@code [A-D]}: a NINO's prefix letters and suffix. */
    private static final int NINO_FIRST = 1 << 12;
    private static final int NINO_SECOND = 1 << 13;
    private static final int NINO_SUFFIX = 1 << 14;
    /** {@code [A-EHLMPRST]}: the month letter of an Italian fiscal code. */
    private static final int FISCAL_CODE_MONTH = 1 << 15;
    /** What the user ({@code [\s:/@]}), password ({@code [\s/@]}) and host of a URL with credentials end at. */
    private static final int URL_USER_END = 1 << 16;
    private static final int URL_PASSWORD_END = 1 << 17;
    private static final int URL_HOST_END = 1 << 18;
    /** {@code [A-Za-z0-9+.-]}: a URL scheme after its first letter. */
    private static final int SCHEME = 1 << 19;
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
        mark(POSTCODE_AREA, "ABCDEFGHIJKLMNOPRSTUWYZ");
        mark(POSTCODE_AREA_SECOND, "ABCDEFGHKLMNOPQRSTUVWXY");
        mark(POSTCODE_INWARD, "ABDEFGHJLNPQRSTUWXYZ");
        mark(NINO_FIRST, "ABCEGHJKLMNOPRSTWXYZ");
        mark(NINO_SECOND, "ABCEGHJKLMNPRSTWXYZ");
        mark(NINO_SUFFIX, "ABCD");
        mark(FISCAL_CODE_MONTH, "ABCDEHLMPRST");
        mark(URL_USER_END, WHITESPACE + ":/@");
        mark(URL_PASSWORD_END, WHITESPACE + "/@");
        mark(URL_HOST_END, WHITESPACE + "/?#,;\"'");
        mark(SCHEME, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+.-");
    }

    private static void mark(int bit, String chars) {
        chars.chars().forEach(c -> CLASSES[c] |= bit);
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
            case PHONE_NUMBER -> phoneNumber(text, start);
            case DATE -> date(text, start);
            case POSTAL_CODE -> postalCode(text, start);
            case UK_POSTCODE -> ukPostcode(text, start);
            case UK_NINO -> ukNino(text, start);
            case SPANISH_ID -> spanishId(text, start);
            case ITALIAN_FISCAL_CODE -> italianFiscalCode(text, start);
            case FRENCH_NIR -> frenchNir(text, start);
            case URL_WITH_CREDENTIALS -> urlWithCredentials(text, start);
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
        int at = run(text, start, 1, LOCAL_PART);
        if (at < 0 || charAt(text, at) != '@') {
            return -1;
        }
        int labelEnd = run(text, at + 1, 1, ALPHANUMERIC_OR_DASH);
        if (labelEnd < 0) {
            return -1;
        }
        int end = -1;
        while (charAt(text, labelEnd) == '.' && is(charAt(text, labelEnd + 1), ALPHANUMERIC_OR_DASH)) {
            int labelStart = labelEnd + 1;
            labelEnd = run(text, labelStart, 1, ALPHANUMERIC_OR_DASH);
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
        return run(text, start, Recognizers.SECRET_MIN_LENGTH, TOKEN);
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

    /**
     * The alternatives begin differently ({@code +}, {@code (} or three digits, a trunk {@code 0}), so the first
     * character picks those to try; where the North American shape matches but the lookahead fails, the
     * trunk shape still may.
     */
    private static int phoneNumber(String text, int start) {
        char previous = charAt(text, start - 1);
        if (isWordChar(previous) || previous == '+' || previous == '('
                || isOneOf(previous, " .-") && isDigit(charAt(text, start - 2))) {
            return -1;
        }
        char first = charAt(text, start);
        if (first == '+') {
            int country = digitRun(text, start + 1, 3);
            for (int digits = country; digits >= 1; digits--) {
                int end = phoneGroups(text, start + 1 + digits, 0);
                if (end >= 0) {
                    return end;
                }
            }
            return -1;
        }
        int end = northAmericanPhone(text, start);
        if (end >= 0 && endsPhone(text, end)) {
            return end;
        }
        return first == '0' ? trunkPhone(text, start) : -1;
    }

    /**
     * The end of {@code (?:[ .-]?\(?\d{1,4}\)?){2,6}(?![\w)])} from {@code at} with {@code groups} groups read.
     * A separator, an opening or a closing parenthesis is always taken where there is one (without it the
     * next part could not match), so only how the digit runs split into groups of one to four is tried, the
     * way the pattern backtracks: the most digits first, another group before stopping.
     */
    private static int phoneGroups(String text, int at, int groups) {
        if (groups < 6) {
            int digitsAt = isOneOf(charAt(text, at), " .-") ? at + 1 : at;
            digitsAt += charAt(text, digitsAt) == '(' ? 1 : 0;
            int capacity = 4 * (6 - groups);
            int run = digitRun(text, digitsAt, capacity + 1);
            // A run longer than the groups left can hold leaves a digit after the last, which the lookahead refuses.
            for (int digits = run > capacity ? 0 : Math.min(4, run); digits >= 1; digits--) {
                int groupEnd = digitsAt + digits;
                groupEnd += charAt(text, groupEnd) == ')' ? 1 : 0;
                int end = phoneGroups(text, groupEnd, groups + 1);
                if (end >= 0) {
                    return end;
                }
            }
        }
        return groups >= 2 && endsPhone(text, at) ? at : -1;
    }

    /** The end of {@code (?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}} at {@code start}, or -1. */
    private static int northAmericanPhone(String text, int start) {
        int at;
        if (text.charAt(start) == '(') {
            if (!are(text, start + 1, 3, DIGIT) || charAt(text, start + 4) != ')') {
                return -1;
            }
            at = charAt(text, start + 5) == ' ' ? start + 6 : start + 5;
        } else {
            if (!are(text, start, 3, DIGIT) || !isOneOf(charAt(text, start + 3), " .-")) {
                return -1;
            }
            at = start + 4;
        }
        return are(text, at, 3, DIGIT) && isOneOf(charAt(text, at + 3), " .-") && are(text, at + 4, 4, DIGIT)
                ? at + 8 : -1;
    }

    /**
     * {@code 0[1-9]\d{0,3}(?:[ /.-]\d{2,8}){1,4}(?![\w)])}: a digit after a group would fail both another group
     * and the lookahead, so each part is its whole run of digits. Of the groups read, the pattern gives back the
     * last where the lookahead fails, and the end of the one before is followed by a separator, which passes.
     */
    private static int trunkPhone(String text, int start) {
        char second = charAt(text, start + 1);
        if (!isDigit(second) || second == '0') {
            return -1;
        }
        int area = digitRun(text, start + 2, 4);
        if (area > 3) {
            return -1;
        }
        int at = start + 2 + area;
        int groupStart = -1;
        int groups = 0;
        while (groups < 4 && isOneOf(charAt(text, at), " /.-")) {
            int digits = digitRun(text, at + 1, 9);
            if (digits < 2 || digits > 8) {
                break;
            }
            groupStart = at;
            at += 1 + digits;
            groups++;
        }
        if (groups == 0) {
            return -1;
        }
        return endsPhone(text, at) ? at : groups >= 2 ? groupStart : -1;
    }

    /** {@code (?![\w)])} at {@code at}. */
    private static boolean endsPhone(String text, int at) {
        char c = charAt(text, at);
        return !isWordChar(c) && c != ')';
    }

    /**
     * Each alternative reads its parts one way only: a run of one or two digits must be whole for a separator
     * to follow, a month name takes all its lower-case letters and a dot where there is one, as a space must
     * follow, and a year of four digits must be whole for the lookahead. So the alternatives are tried in turn,
     * each ending in one place or none.
     */
    private static int date(String text, int start) {
        char previous = charAt(text, start - 1);
        if (isWordChar(previous) || isOneOf(previous, "./-")) {
            return -1;
        }
        int end = isDigit(charAt(text, start)) ? numericDate(text, start) : -1;
        if (end < 0 || !endsDate(text, end)) {
            end = isDigit(charAt(text, start)) ? dayMonthNameYear(text, start) : monthNameDayYear(text, start);
        }
        return end >= 0 && endsDate(text, end) ? end : -1;
    }

    /** The end of {@code \d{1,2}[./-]\d{1,2}[./-]\d{4}}, else of {@code \d{4}-\d{2}-\d{2}}, at {@code start}; or -1. */
    private static int numericDate(String text, int start) {
        int day = digitRun(text, start, 3);
        if (day <= 2) {
            int month = digitRun(text, start + day + 1, 3);
            int year = start + day + 1 + month + 1;
            if (isOneOf(charAt(text, start + day), "./-") && month >= 1 && month <= 2
                    && isOneOf(charAt(text, year - 1), "./-") && are(text, year, 4, DIGIT)) {
                return year + 4;
            }
            return -1;
        }
        return are(text, start, 4, DIGIT) && charAt(text, start + 4) == '-' && are(text, start + 5, 2, DIGIT)
                && charAt(text, start + 7) == '-' && are(text, start + 8, 2, DIGIT) ? start + 10 : -1;
    }

    /** The end of {@code \d{1,2}\.? MONTH \d{4}} at {@code start}, or -1. */
    private static int dayMonthNameYear(String text, int start) {
        int at = start + digitRun(text, start, 3);
        if (at - start > 2) {
            return -1;
        }
        at += charAt(text, at) == '.' ? 1 : 0;
        if (charAt(text, at) != ' ') {
            return -1;
        }
        int month = monthName(text, at + 1);
        return month >= 0 && charAt(text, month) == ' ' && are(text, month + 1, 4, DIGIT) ? month + 5 : -1;
    }

    /** The end of {@code MONTH \d{1,2},? \d{4}} at {@code start}, or -1. */
    private static int monthNameDayYear(String text, int start) {
        int month = monthName(text, start);
        if (month < 0 || charAt(text, month) != ' ') {
            return -1;
        }
        int day = digitRun(text, month + 1, 3);
        if (day < 1 || day > 2) {
            return -1;
        }
        int at = month + 1 + day;
        at += charAt(text, at) == ',' ? 1 : 0;
        return charAt(text, at) == ' ' && are(text, at + 1, 4, DIGIT) ? at + 5 : -1;
    }

    /** The end of {@code MONTH} at {@code start} taking all lower-case letters and a dot after them, or -1. */
    private static int monthName(String text, int start) {
        if (!startsAMonthName(text, start)) {
            return -1;
        }
        int at = run(text, start + 3, 0, LOWER);
        return charAt(text, at) == '.' ? at + 1 : at;
    }

    private static boolean startsAMonthName(String text, int start) {
        for (String month : MONTH_ABBREVIATIONS) {
            if (text.startsWith(month, start)) {
                return true;
            }
        }
        return false;
    }

    /** {@code (?![\w/-]|\.\d)} at {@code at}. */
    private static boolean endsDate(String text, int at) {
        char c = charAt(text, at);
        return !isWordChar(c) && c != '/' && c != '-' && !(c == '.' && isDigit(charAt(text, at + 1)));
    }

    /** A ZIP+4 extension where one follows, as without it the dash would fail the lookahead. */
    private static int postalCode(String text, int start) {
        char previous = charAt(text, start - 1);
        if (isWordChar(previous) || isOneOf(previous, ".,-") || !are(text, start, 5, DIGIT)) {
            return -1;
        }
        int end = charAt(text, start + 5) == '-' && are(text, start + 6, 4, DIGIT) ? start + 10 : start + 5;
        char after = charAt(text, end);
        return isWordChar(after) || after == '-' || (after == '.' || after == ',') && isDigit(charAt(text, end + 1))
                ? -1 : end;
    }

    /**
     * The optional parts, second area letter, district letter or digit and space, are tried taken first and then
     * left out, the way the pattern backtracks, until the inward code and a word boundary follow.
     */
    private static int ukPostcode(String text, int start) {
        if (!is(charAt(text, start), POSTCODE_AREA) || !isWordBoundary(text, start)) {
            return -1;
        }
        for (int district = is(charAt(text, start + 1), POSTCODE_AREA_SECOND) ? start + 2 : start + 1;
                district > start; district--) {
            if (!isDigit(charAt(text, district))) {
                continue;
            }
            int longest = is(charAt(text, district + 1), UPPER | DIGIT) ? district + 2 : district + 1;
            for (int outwardEnd = longest; outwardEnd > district; outwardEnd--) {
                for (int inward = charAt(text, outwardEnd) == ' ' ? outwardEnd + 1 : outwardEnd; inward >= outwardEnd;
                        inward--) {
                    if (isDigit(charAt(text, inward)) && are(text, inward + 1, 2, POSTCODE_INWARD)
                            && isWordBoundary(text, inward + 3)) {
                        return inward + 3;
                    }
                }
            }
        }
        return -1;
    }

    /** Each optional space is taken where there is one: without it the next part could not match. */
    private static int ukNino(String text, int start) {
        if (!is(charAt(text, start), NINO_FIRST) || !is(charAt(text, start + 1), NINO_SECOND)
                || !isWordBoundary(text, start)) {
            return -1;
        }
        int at = start + 2;
        for (int pair = 0; pair < 3; pair++) {
            at = skipSpace(text, at);
            if (!are(text, at, 2, DIGIT)) {
                return -1;
            }
            at += 2;
        }
        at = skipSpace(text, at);
        return is(charAt(text, at), NINO_SUFFIX) ? endingAWord(text, at + 1) : -1;
    }

    /** Eight digits (DNI) or X, Y or Z and seven (NIE), then the check letter; each dash taken where there is one. */
    private static int spanishId(String text, int start) {
        if (!isWordBoundary(text, start)) {
            return -1;
        }
        int at;
        if (isOneOf(charAt(text, start), "XYZ")) {
            at = skipDash(text, start + 1);
            at = are(text, at, 7, DIGIT) ? at + 7 : -1;
        } else {
            at = fixedRun(text, start, 8, DIGIT);
        }
        if (at < 0) {
            return -1;
        }
        at = skipDash(text, at);
        return isUpper(charAt(text, at)) ? endingAWord(text, at + 1) : -1;
    }

    private static int italianFiscalCode(String text, int start) {
        if (!are(text, start, 6, UPPER) || !are(text, start + 6, 2, DIGIT)
                || !is(charAt(text, start + 8), FISCAL_CODE_MONTH) || !are(text, start + 9, 2, DIGIT)
                || !isUpper(charAt(text, start + 11)) || !are(text, start + 12, 3, DIGIT)
                || !isUpper(charAt(text, start + 15)) || !isWordBoundary(text, start)) {
            return -1;
        }
        return endingAWord(text, start + 16);
    }

    /**
     * Each optional space is taken where there is one, and the first character of the month and of the
     * department settles which alternative can match.
     */
    private static int frenchNir(String text, int start) {
        char previous = charAt(text, start - 1);
        char sex = charAt(text, start);
        if (isWordChar(previous) || previous == '-' || sex != '1' && sex != '2') {
            return -1;
        }
        int at = skipSpace(text, start + 1);
        if (!are(text, at, 2, DIGIT)) {
            return -1;
        }
        at = skipSpace(text, at + 2);
        char month = charAt(text, at);
        char monthUnit = charAt(text, at + 1);
        if (!isDigit(month) || !isDigit(monthUnit)
                || month == '0' && monthUnit == '0' || month == '1' && monthUnit > '2') {
            return -1;
        }
        at = skipSpace(text, at + 2);
        char department = charAt(text, at);
        char departmentUnit = charAt(text, at + 1);
        boolean corsica = department == '2' && (departmentUnit == 'A' || departmentUnit == 'B');
        if (!isDigit(department) || !isDigit(departmentUnit) && !corsica) {
            return -1;
        }
        at += 2;
        for (int length : NIR_TAIL_GROUPS) {
            at = skipSpace(text, at);
            if (!are(text, at, length, DIGIT)) {
                return -1;
            }
            at += length;
        }
        char after = charAt(text, at);
        return isWordChar(after) || after == '-' ? -1 : at;
    }

    /**
     * None of the parts can end early: the scheme, user and password each run up to the character that must
     * follow them, which they cannot hold, and the host runs as far as its characters go.
     */
    private static int urlWithCredentials(String text, int start) {
        if (!is(charAt(text, start), LETTER) || !isWordBoundary(text, start)) {
            return -1;
        }
        int scheme = start + 1;
        // One character past the longest scheme is enough to refuse it.
        while (scheme - start <= 16 && is(charAt(text, scheme), SCHEME)) {
            scheme++;
        }
        if (scheme - start < 2 || scheme - start > 16 || !text.startsWith("://", scheme)) {
            return -1;
        }
        int user = runUntil(text, scheme + 3, URL_USER_END);
        if (user == scheme + 3 || charAt(text, user) != ':') {
            return -1;
        }
        int password = runUntil(text, user + 1, URL_PASSWORD_END);
        if (password == user + 1 || charAt(text, password) != '@') {
            return -1;
        }
        int host = runUntil(text, password + 1, URL_HOST_END);
        return host == password + 1 ? -1 : host;
    }

    /** Past an optional space at {@code at}. */
    private static int skipSpace(String text, int at) {
        return charAt(text, at) == ' ' ? at + 1 : at;
    }

    /** Past an optional dash at {@code at}. */
    private static int skipDash(String text, int at) {
        return charAt(text, at) == '-' ? at + 1 : at;
    }

    /** The end of the run from {@code from} on of characters outside the classes of {@code mask} (any non-ASCII one). */
    private static int runUntil(String text, int from, int mask) {
        int at = from;
        while (at < text.length() && !is(text.charAt(at), mask)) {
            at++;
        }
        return at;
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
