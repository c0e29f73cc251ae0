package dev.modelyard.privacy.detect;

import dev.modelyard.privacy.pii.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The built-in recognizers, one table entry per kind of personal data. */
public final class Recognizers {

    /** Words that make a number more likely an order, ticket or record number than personal data. */
    private static final ContextWords RECORD_NUMBERS = ContextWords.of(
            "order", "invoice", "invoice no", "ref", "reference", "id", "tracking", "sku", "serial", "ticket", "case");

    /** The shortest random-looking string taken for a secret. */
    static final int SECRET_MIN_LENGTH = 20;

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";
    private static final Pattern IPV4 = Patterns.compile(OCTET + "(?:\\." + OCTET + "){3}");
    private static final Pattern DATE_PARTS = Patterns.compile("\\d+|[A-Za-z]{3,}");
    private static final List<String> MONTHS = List.of(
            "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec");

    public static final Recognizer EMAIL_ADDRESS = new Recognizer(PiiType.EMAIL_ADDRESS.name(),
            p -> p.ats() > 0 && p.dots() > 0,
            CandidateStarts.EMAIL,
            CandidateScanners.EMAIL,
            value -> 0.95, 0.95, ContextWords.of("email", "e-mail", "mail"), ContextWords.NONE);

    public static final Recognizer URL_CREDENTIALS = new Recognizer(PiiType.URL_CREDENTIALS.name(),
            p -> p.ats() > 0 && p.colons() >= 2 && p.slashes() >= 2,
            CandidateStarts.URL_WITH_CREDENTIALS,
            CandidateScanners.URL_WITH_CREDENTIALS,
            value -> 1, 1, ContextWords.NONE, ContextWords.NONE);

    /**
     * International ({@code +CC ...}), US ({@code (555) 123-4567}, {@code 555.123.4567}) and European
     * national numbers with a trunk 0 ({@code 030 1234567}, {@code 01 23 45 67 89}); the numbering plans decide.
     * A candidate never starts inside a chain of digit groups, such as the tail of an account number.
     */
    public static final Recognizer PHONE_NUMBER = new Recognizer(PiiType.PHONE_NUMBER.name(),
            p -> p.digits() >= 7,
            CandidateStarts.PHONE,
            CandidateScanners.PHONE_NUMBER,
            PhoneNumbers::score, PhoneNumbers.VALID_INTERNATIONAL,
            ContextWords.of("phone", "tel", "telephone", "mobile", "cell", "call", "fax", "contact", "reach"),
            RECORD_NUMBERS.and("iban", "account", "konto"));

    /** A whole chain of digit groups, never a stretch of a longer one such as an account number. */
    public static final Recognizer CREDIT_CARD = new Recognizer(PiiType.CREDIT_CARD.name(),
            p -> p.digits() >= 13,
            CandidateStarts.CARD_NUMBER,
            CandidateScanners.CARD_NUMBER,
            value -> Checks.isCardNumber(value) ? 0.9 : 0, 0.9,
            ContextWords.of("card", "credit", "visa", "mastercard", "amex", "cc", "payment"), ContextWords.NONE);

    /** Grouped like IBANs are written: the compact form or blocks of four. */
    public static final Recognizer IBAN = new Recognizer(PiiType.IBAN.name(),
            p -> p.upper() >= 2 && p.digits() >= 6,
            CandidateStarts.IBAN,
            CandidateScanners.IBAN,
            value -> Checks.isIban(value) ? 0.95 : 0, 0.95,
            ContextWords.of("iban", "account", "bank", "konto"), ContextWords.NONE);

    /** IPv4 with every octet at most 255, and IPv6 in full, compressed ({@code ::}) or IPv4-tailed form. */
    public static final Recognizer IP_ADDRESS = new Recognizer(PiiType.IP_ADDRESS.name(),
            p -> p.dots() >= 3 && p.digits() >= 4 || p.colons() >= 2,
            CandidateStarts.IP_ADDRESS,
            CandidateScanners.IP_ADDRESS,
            value -> value.indexOf(':') < 0 ? 0.75 : isIpv6(value) ? 0.85 : 0, 0.85,
            ContextWords.of("ip", "address", "host", "from", "client", "server"),
            ContextWords.of("version", "build", "release"));

    public static final Recognizer MAC_ADDRESS = new Recognizer(PiiType.MAC_ADDRESS.name(),
            p -> p.colons() >= 5 || p.dashes() >= 5 || p.dots() >= 2 && p.longestToken() >= 14,
            CandidateStarts.MAC_ADDRESS,
            CandidateScanners.MAC_ADDRESS,
            value -> 0.85, 0.85, ContextWords.of("mac", "hardware", "device", "ethernet", "wifi"), ContextWords.NONE);

    /** Area 000, 666 and 900-999, group 00 and serial 0000 are never issued. */
    public static final Recognizer US_SSN = new Recognizer(PiiType.US_SSN.name(),
            p -> p.digits() >= 9,
            CandidateStarts.SSN,
            CandidateScanners.SSN,
            value -> 0.6, 0.6, ContextWords.of("ssn", "social security", "social"), RECORD_NUMBERS);

    /** A date is a birth date only with context ("born", "DOB", a date_of_birth column): a bare date scores 0.3. */
    public static final Recognizer DATE_OF_BIRTH = new Recognizer(PiiType.DATE_OF_BIRTH.name(),
            p -> p.digits() >= 5,
            CandidateStarts.DATE,
            CandidateScanners.DATE,
            value -> isBirthDateShaped(value) ? 0.3 : 0, 0.3,
            ContextWords.of("born", "dob", "date of birth", "birth", "birthday", "birthdate", "geb", "geboren",
                    "né", "née", "nacimiento", "naissance"),
            ContextWords.NONE);

    /** US ZIP and ZIP+4, German and French codes: five digits are postal codes only with context. */
    public static final Recognizer POSTAL_CODE = new Recognizer(PiiType.POSTAL_CODE.name(),
            p -> p.digits() >= 5,
            CandidateStarts.POSTAL_CODE,
            CandidateScanners.POSTAL_CODE,
            value -> value.length() > 5 ? 0.35 : 0.25, 0.35,
            ContextWords.of("zip", "zip code", "postal", "postcode", "post code", "plz", "postleitzahl", "code postal", "cp"),
            RECORD_NUMBERS);

    /** UK postcodes have a shape distinctive enough to count without context. */
    public static final Recognizer UK_POSTCODE = new Recognizer(PiiType.POSTAL_CODE.name(),
            p -> p.upper() >= 3 && p.digits() >= 2,
            CandidateStarts.UK_POSTCODE,
            CandidateScanners.UK_POSTCODE,
            value -> 0.5, 0.5, ContextWords.of("postcode", "post code", "postal"), RECORD_NUMBERS);

    public static final Recognizer UK_NINO = new Recognizer(PiiType.UK_NINO.name(),
            p -> p.upper() >= 3 && p.digits() >= 6,
            CandidateStarts.UK_NINO,
            CandidateScanners.UK_NINO,
            value -> Checks.isUkNino(value) ? 0.75 : 0, 0.75,
            ContextWords.of("nino", "national insurance", "ni number", "ni"), ContextWords.NONE);

    public static final Recognizer ES_DNI = new Recognizer(PiiType.ES_DNI.name(),
            p -> p.upper() >= 1 && p.longestDigitRun() >= 7,
            CandidateStarts.SPANISH_ID,
            CandidateScanners.SPANISH_ID,
            value -> Checks.isSpanishId(value) ? 0.85 : 0, 0.85,
            ContextWords.of("dni", "nie", "nif", "documento"), ContextWords.NONE);

    /** The format only: six letters of the name, birth date and place, and a check letter. */
    public static final Recognizer IT_FISCAL_CODE = new Recognizer(PiiType.IT_FISCAL_CODE.name(),
            p -> p.upper() >= 9 && p.digits() >= 7,
            CandidateStarts.ITALIAN_FISCAL_CODE,
            CandidateScanners.ITALIAN_FISCAL_CODE,
            value -> 0.85, 0.85, ContextWords.of("codice fiscale", "cf", "fiscale"), ContextWords.NONE);

    public static final Recognizer FR_NIR = new Recognizer(PiiType.FR_NIR.name(),
            p -> p.digits() >= 13,
            CandidateStarts.FRENCH_NIR,
            CandidateScanners.FRENCH_NIR,
            value -> Checks.isFrenchNir(value) ? 0.85 : 0, 0.85,
            ContextWords.of("nir", "insee", "sécurité sociale", "securite sociale"), ContextWords.NONE);

    /** Credentials whose issuer gave them a recognizable prefix or shape. */
    public static final Recognizer KNOWN_SECRET = new Recognizer(PiiType.SECRET.name(),
            p -> p.longestToken() >= 20 || p.dashes() >= 10,
            CandidateStarts.KNOWN_SECRET,
            CandidateScanners.KNOWN_SECRET,
            value -> 0.95, 0.95, ContextWords.NONE, ContextWords.NONE);

    /** Random-looking strings count as secrets only next to words such as key, token or password. */
    public static final Recognizer HIGH_ENTROPY_SECRET = new Recognizer(PiiType.SECRET.name(),
            p -> p.longestToken() >= SECRET_MIN_LENGTH,
            CandidateStarts.LONG_TOKEN,
            CandidateScanners.LONG_TOKEN,
            value -> looksRandom(value) ? 0.4 : 0, 0.4,
            ContextWords.of("key", "token", "secret", "password", "passwd", "pwd", "api", "apikey", "api_key",
                    "credential", "credentials", "auth", "bearer"),
            ContextWords.NONE);

    /**
     * In no particular order: the engine resolves overlaps by length, so an email address inside a URL
     * with credentials, or a digit run inside an IBAN, goes to the enclosing value.
     */
    public static final List<Recognizer> ALL = List.of(EMAIL_ADDRESS, URL_CREDENTIALS, PHONE_NUMBER, CREDIT_CARD,
            IBAN, IP_ADDRESS, MAC_ADDRESS, US_SSN, DATE_OF_BIRTH, POSTAL_CODE, UK_POSTCODE, UK_NINO, ES_DNI,
            IT_FISCAL_CODE, FR_NIR, KNOWN_SECRET, HIGH_ENTROPY_SECRET);

    /**
     * Whether a text with this profile can hold a value of any built-in kind: every screen above needs a
     * few digits, an {@code @}, colons, dashes or a long token, so text without them (names, words,
     * small numbers) is done with after its profile.
     */
    static boolean canHoldAny(TextProfile profile) {
        return profile.digits() >= 2 || profile.ats() > 0 || profile.colons() >= 2 || profile.dashes() >= 5
                || profile.longestToken() >= 14;
    }

    /** Minimum Shannon entropy of a secret: random base64 of 20 characters has about 4.2 bits. */
    static final double SECRET_ENTROPY_BITS = 3.5;

    private Recognizers() {
    }

    /** A tenant-defined pattern: screened by nothing, scored by the tenant. */
    public static Recognizer custom(DetectionSettings.CustomPattern pattern) {
        Predicate<TextProfile> always = p -> true;
        ToDoubleFunction<String> fixed = value -> pattern.score();
        return new Recognizer(pattern.name(), always, Pattern.compile(pattern.regex()), fixed, pattern.score(),
                ContextWords.NONE, ContextWords.NONE);
    }

    /** Eight groups of 1-4 hex digits, or fewer around a single {@code ::}; a dotted IPv4 tail counts as two. */
    static boolean isIpv6(String value) {
        int gap = value.indexOf("::");
        if (gap >= 0 && value.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (gap < 0) {
            return countGroups(value, true) == 8;
        }
        int head = countGroups(value.substring(0, gap), false);
        int tail = countGroups(value.substring(gap + 2), true);
        return head >= 0 && tail >= 0 && head + tail >= 1 && head + tail <= 7;
    }

    /** The number of groups in a colon-separated run, or -1 when one is malformed. */
    private static int countGroups(String run, boolean mayEndInIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (int start = 0; ; ) {
            int end = run.indexOf(':', start);
            boolean last = end < 0;
            end = last ? run.length() : end;
            if (mayEndInIpv4 && last && run.indexOf('.', start) >= 0) {
                if (!IPV4.matcher(run).region(start, end).matches()) {
                    return -1;
                }
                count += 2;
            } else if (isHexGroup(run, start, end)) {
                count++;
            } else {
                return -1;
            }
            if (last) {
                return count;
            }
            start = end + 1;
        }
    }

    /** One to four hex digits. */
    private static boolean isHexGroup(String run, int start, int end) {
        if (end - start < 1 || end - start > 4) {
            return false;
        }
        for (int i = start; i < end; i++) {
            char c = run.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
                return false;
            }
        }
        return true;
    }

    /** Whether the date's day, month and year are a calendar date someone alive could have been born on. */
    static boolean isBirthDateShaped(String value) {
        Matcher parts = DATE_PARTS.matcher(value);
        int[] numbers = new int[3];
        int count = 0;
        int month = 0;
        while (parts.find() && count < 3) {
            String part = parts.group();
            if (Character.isLetter(part.charAt(0))) {
                month = MONTHS.indexOf(part.substring(0, 3).toLowerCase(Locale.ROOT)) + 1;
            } else {
                numbers[count++] = Integer.parseInt(part);
            }
        }
        if (month > 0) {
            return count == 2 && Checks.isPlausibleBirthDate(numbers[1], month, numbers[0]);
        }
        if (count != 3) {
            return false;
        }
        if (numbers[0] > 31) {
            return Checks.isPlausibleBirthDate(numbers[0], numbers[1], numbers[2]);
        }
        return Checks.isPlausibleBirthDate(numbers[2], numbers[1], numbers[0])
                || Checks.isPlausibleBirthDate(numbers[2], numbers[0], numbers[1]);
    }

    /** Long, varied and mixing two of lower case, upper case and digits: not a word, not a repeated pattern. */
    static boolean looksRandom(String value) {
        boolean lower = false;
        boolean upper = false;
        boolean digits = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            // Non-short-circuit tests: no branches to mispredict on the random strings this is for.
            lower |= c >= 'a' & c <= 'z';
            upper |= c >= 'A' & c <= 'Z';
            digits |= c >= '0' & c <= '9';
        }
        int classes = (lower ? 1 : 0) + (upper ? 1 : 0) + (digits ? 1 : 0);
        return classes >= 2 && Checks.entropy(value) >= SECRET_ENTROPY_BITS;
    }
}
