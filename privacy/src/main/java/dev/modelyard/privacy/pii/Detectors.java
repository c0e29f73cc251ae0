package dev.modelyard.privacy.pii;

import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The built-in detectors, each a pattern plus the check that tells real values from look-alikes. */
public final class Detectors {

    public static final Detector EMAIL_ADDRESS = new Detector(PiiType.EMAIL_ADDRESS,
            Pattern.compile("(?<![\\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}(?![\\w-])"),
            value -> true);

    /** Grouped like IBANs are written: the compact form or blocks of four. */
    public static final Detector IBAN = new Detector(PiiType.IBAN,
            Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"),
            Detectors::isIban);

    public static final Detector CREDIT_CARD = new Detector(PiiType.CREDIT_CARD,
            Pattern.compile("(?<![\\d-])\\d(?:[ -]?\\d){12,18}(?![\\d-])"),
            Detectors::isCardNumber);

    /** Area 000, 666 and 900-999, group 00 and serial 0000 are never issued. */
    public static final Detector US_SSN = new Detector(PiiType.US_SSN,
            Pattern.compile("(?<![\\d-])(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?![\\d-])"),
            value -> true);

    /** Day-month-year dates look like short European numbers ({@code 01.02.2024}); they are not phones. */
    private static final Pattern DATE = Pattern.compile("\\d{1,2}[./-]\\d{1,2}[./-]\\d{2,4}");

    private static final String OCTET = "(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)";

    /** IPv4 with every octet at most 255, and IPv6 in full, compressed ({@code ::}) or IPv4-tailed form. */
    public static final Detector IP_ADDRESS = new Detector(PiiType.IP_ADDRESS,
            Pattern.compile("(?<![\\d.])" + OCTET + "(?:\\." + OCTET + "){3}(?!\\d|\\.\\d)"
                    + "|(?<![\\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:\\d{1,3}(?:\\.\\d{1,3}){3}|[0-9A-Fa-f]{1,4})?(?![\\w:]|\\.\\d)"),
            value -> value.indexOf(':') < 0 || isIpv6(value));

    /**
     * International ({@code +CC ...}), US ({@code (555) 123-4567}, {@code 555.123.4567}) and European
     * national numbers with a trunk 0 ({@code 030 1234567}, {@code 01 23 45 67 89}). Separators are
     * required, so dates, amounts and plain counters are not taken for phone numbers.
     */
    public static final Detector PHONE_NUMBER = new Detector(PiiType.PHONE_NUMBER,
            Pattern.compile("(?<![\\w+(])(?:"
                    + "\\+\\d{1,3}(?:[ .-]?\\(?\\d{1,4}\\)?){2,6}"
                    + "|(?:\\(\\d{3}\\) ?|\\d{3}[ .-])\\d{3}[ .-]\\d{4}"
                    + "|0[1-9]\\d{0,3}(?:[ /.-]\\d{2,8}){1,4}"
                    + ")(?![\\w)])"),
            value -> {
                long digits = value.chars().filter(Character::isDigit).count();
                return digits >= 7 && digits <= 15 && !DATE.matcher(value).matches();
            });

    /**
     * In the order they run: an email address or IBAN can contain digit runs that look like a phone or
     * card number, so the more specific kinds replace their values before the looser ones look.
     */
    public static final List<Detector> ALL = List.of(EMAIL_ADDRESS, IBAN, CREDIT_CARD, US_SSN, IP_ADDRESS, PHONE_NUMBER);

    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AT", 20), Map.entry("BE", 16), Map.entry("CH", 21), Map.entry("DE", 22),
            Map.entry("DK", 18), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FR", 27),
            Map.entry("GB", 22), Map.entry("IE", 22), Map.entry("IT", 27), Map.entry("LU", 20),
            Map.entry("NL", 18), Map.entry("NO", 15), Map.entry("PL", 28), Map.entry("PT", 25),
            Map.entry("SE", 24));

    private static final BigInteger NINETY_SEVEN = BigInteger.valueOf(97);

    private Detectors() {
    }

    /** The country's length and ISO 13616 mod-97 check: the country and check digits moved to the end, letters as 10-35. */
    static boolean isIban(String value) {
        String compact = value.replace(" ", "");
        Integer length = IBAN_LENGTHS.get(compact.substring(0, 2));
        if (length == null || compact.length() != length) {
            return false;
        }
        String rearranged = compact.substring(4) + compact.substring(0, 4);
        StringBuilder digits = new StringBuilder(rearranged.length() * 2);
        for (char c : rearranged.toCharArray()) {
            digits.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(digits.toString()).mod(NINETY_SEVEN).intValue() == 1;
    }

    static boolean isCardNumber(String value) {
        String digits = value.replaceAll("[ -]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /** Eight groups of 1-4 hex digits, or fewer around a single {@code ::}; a dotted IPv4 tail counts as two. */
    static boolean isIpv6(String value) {
        int gap = value.indexOf("::");
        if (gap >= 0 && value.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        int groups;
        if (gap < 0) {
            groups = countGroups(value, true);
        } else {
            int head = countGroups(value.substring(0, gap), false);
            int tail = countGroups(value.substring(gap + 2), true);
            groups = head < 0 || tail < 0 ? -1 : head + tail;
        }
        return gap < 0 ? groups == 8 : groups >= 1 && groups <= 7;
    }

    /** The number of groups in a colon-separated run, or -1 when one is malformed. */
    private static int countGroups(String run, boolean mayEndInIpv4) {
        if (run.isEmpty()) {
            return 0;
        }
        String[] groups = run.split(":", -1);
        int count = 0;
        for (int i = 0; i < groups.length; i++) {
            String group = groups[i];
            if (mayEndInIpv4 && i == groups.length - 1 && group.indexOf('.') >= 0) {
                if (!isIpv4(group)) {
                    return -1;
                }
                count += 2;
            } else if (group.matches("[0-9A-Fa-f]{1,4}")) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }

    private static boolean isIpv4(String value) {
        return value.matches(OCTET + "(?:\\." + OCTET + "){3}");
    }
}
