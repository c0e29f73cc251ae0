package dev.modelyard.privacy.detect;

import java.util.Map;

/** The checks that tell real identifiers from look-alikes: check digits, issuer ranges, calendars, entropy. */
final class Checks {

    /** ISO 13616 lengths of every country that issues IBANs. */
    static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BI", 27),
            Map.entry("BR", 29), Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28),
            Map.entry("CZ", 24), Map.entry("DE", 22), Map.entry("DJ", 27), Map.entry("DK", 18), Map.entry("DO", 28),
            Map.entry("EE", 20), Map.entry("EG", 29), Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FK", 18),
            Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22), Map.entry("GE", 22), Map.entry("GI", 23),
            Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28), Map.entry("HR", 21), Map.entry("HU", 28),
            Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23), Map.entry("IS", 26), Map.entry("IT", 27),
            Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20), Map.entry("LB", 28), Map.entry("LC", 32),
            Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20), Map.entry("LV", 21), Map.entry("LY", 25),
            Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19), Map.entry("MN", 20),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NI", 28), Map.entry("NL", 18),
            Map.entry("NO", 15), Map.entry("OM", 23), Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29),
            Map.entry("PT", 25), Map.entry("QA", 29), Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("RU", 33),
            Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SD", 18), Map.entry("SE", 24), Map.entry("SI", 19),
            Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("SO", 23), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20), Map.entry("YE", 30));

    private static final String DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE";

    /** Below this a number can take two more digits, or a letter's two, without overflowing. */
    private static final long REDUCE_ABOVE = 10_000_000_000_000_000L;

    /** {@link #IBAN_LENGTHS} by country code, {@code (first - 'A') * 26 + (second - 'A')}; 0 for none. */
    private static final byte[] IBAN_LENGTH_BY_COUNTRY = new byte[26 * 26];

    static {
        IBAN_LENGTHS.forEach((country, length) -> IBAN_LENGTH_BY_COUNTRY[countrySlot(country.charAt(0), country.charAt(1))]
                = length.byteValue());
    }

    /** {@code c * log2(c)} for the character counts of most values, so entropy takes no logarithm per character. */
    private static final double[] COUNT_LOG2_COUNT = new double[257];

    static {
        for (int count = 1; count < COUNT_LOG2_COUNT.length; count++) {
            COUNT_LOG2_COUNT[count] = count * log2(count);
        }
    }

    /** Each thread's character counts for {@link #entropy}, left all zero after each call. */
    private static final ThreadLocal<int[]> ENTROPY_COUNTS = ThreadLocal.withInitial(() -> new int[129]);

    private Checks() {
    }

    /**
     * The country's length and the mod-97 check: country and check digits moved to the end, letters as 10-35.
     * Reads the value in place, skipping separators, rather than building its compact form.
     */
    static boolean isIban(String value) {
        int first = nextNonSeparator(value, 0);
        int second = nextNonSeparator(value, first + 1);
        if (second >= value.length() || !isUpper(value.charAt(first)) || !isUpper(value.charAt(second))) {
            return false;
        }
        int length = IBAN_LENGTH_BY_COUNTRY[countrySlot(value.charAt(first), value.charAt(second))];
        if (length == 0 || compactLength(value) != length) {
            return false;
        }
        // The fifth character on, then the first four: the compact form rotated by four.
        int bban = first;
        for (int skipped = 0; skipped < 4; skipped++) {
            bban = nextNonSeparator(value, bban + 1);
        }
        int remainder = mod97(value, bban, value.length(), 0);
        return mod97(value, first, bban, remainder) == 1;
    }

    /**
     * The remainder mod 97 of {@code remainder} followed by the characters of {@code value[from, to)} but
     * separators. Taken once per several characters rather than per character: the remainder of the whole
     * is the same, as no character adds a negative amount (the pattern proposes letters, digits and separators).
     */
    private static int mod97(String value, int from, int to, int remainder) {
        long number = remainder;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!isSeparator(c)) {
                number = c <= '9' ? number * 10 + (c - '0') : number * 100 + (c - 'A' + 10);
                if (number >= REDUCE_ABOVE) {
                    number %= 97;
                }
            }
        }
        return (int) (number % 97);
    }

    private static int countrySlot(char first, char second) {
        return (first - 'A') * 26 + (second - 'A');
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** The IBAN check digits that make {@code country + "00" + bban} pass, for generating test data. */
    static String ibanCheckDigits(String country, String bban) {
        int remainder = 0;
        for (char c : (bban + country + "00").toCharArray()) {
            remainder = c <= '9' ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        int check = 98 - remainder;
        return check < 10 ? "0" + check : String.valueOf(check);
    }

    static boolean passesLuhn(CharSequence digits) {
        int sum = 0;
        boolean doubled = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int digit = digits.charAt(i) - '0';
            if (doubled) {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }
            sum += digit;
            doubled = !doubled;
        }
        return sum % 10 == 0;
    }

    /**
     * A Luhn-valid number in the IIN range of a major brand, at a length that brand issues; {@code value} holds
     * digits and separators. One pass from the left keeps the Luhn sum for either parity of the length, as
     * which digits are doubled depends on the count still unknown.
     */
    static boolean isCardNumber(String value) {
        int length = 0;
        int sumDoublingEven = 0;
        int sumDoublingOdd = 0;
        int leading = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isSeparator(c)) {
                continue;
            }
            int digit = c - '0';
            int doubled = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            boolean even = (length & 1) == 0;
            sumDoublingEven += even ? doubled : digit;
            sumDoublingOdd += even ? digit : doubled;
            if (length < CardBrand.PREFIX_DIGITS) {
                leading = leading * 10 + digit;
            }
            length++;
        }
        // The last digit is never doubled: with an even length the doubled ones are those at even positions.
        int sum = (length & 1) == 0 ? sumDoublingEven : sumDoublingOdd;
        return sum % 10 == 0 && CardBrand.of(length, leading) != null;
    }

    /** Spanish DNI (8 digits) and NIE (X, Y or Z standing for 0, 1, 2, then 7 digits), with their check letter. */
    static boolean isSpanishId(String value) {
        String compact = withoutSeparators(value);
        char first = compact.charAt(0);
        int lead = "XYZ".indexOf(first);
        String digits = lead >= 0 ? lead + compact.substring(1, compact.length() - 1) : compact.substring(0, compact.length() - 1);
        return DNI_LETTERS.charAt(Integer.parseInt(digits) % 23) == compact.charAt(compact.length() - 1);
    }

    static char spanishIdLetter(int number) {
        return DNI_LETTERS.charAt(number % 23);
    }

    /** French NIR: the 2-digit key is 97 minus the first 13 characters mod 97, Corsica's 2A and 2B read as 19 and 18. */
    static boolean isFrenchNir(String value) {
        String compact = withoutSeparators(value);
        return nirKey(compact.substring(0, 13)) == Integer.parseInt(compact.substring(13));
    }

    static int nirKey(String first13) {
        String numeric = first13.replace("2A", "19").replace("2B", "18");
        return (int) (97 - Long.parseLong(numeric) % 97);
    }

    /** NINO prefixes that are never issued. */
    static boolean isUkNino(String value) {
        String prefix = value.substring(0, 2);
        return !(prefix.equals("BG") || prefix.equals("GB") || prefix.equals("NK") || prefix.equals("KN")
                || prefix.equals("TN") || prefix.equals("NT") || prefix.equals("ZZ"));
    }

    /** Whether day, month and year read from the value make a plausible birth date (1900 to 2029). */
    static boolean isPlausibleBirthDate(int year, int month, int day) {
        if (year < 1900 || year > 2029 || month < 1 || month > 12 || day < 1) {
            return false;
        }
        int[] days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        return day <= days[month - 1];
    }

    /**
     * Shannon entropy in bits per character: {@code log2(n) - sum(c * log2(c)) / n} over the counts {@code c}
     * of the ASCII characters and of all others together, with {@code c * log2(c)} from a table.
     */
    static double entropy(String value) {
        int[] counts = ENTROPY_COUNTS.get();
        int length = value.length();
        for (int i = 0; i < length; i++) {
            counts[Math.min(value.charAt(i), 128)]++;
        }
        double sum = 0;
        // Each count is taken at its character's first occurrence and cleared, so later ones add 0 * log2(0) = 0
        // (no branch to mispredict on random strings) and the table is left zero again.
        for (int i = 0; i < length; i++) {
            int slot = Math.min(value.charAt(i), 128);
            sum += countLog2Count(counts[slot]);
            counts[slot] = 0;
        }
        return length == 0 ? 0 : (countLog2Count(length) - sum) / length;
    }

    private static double countLog2Count(int count) {
        return count < COUNT_LOG2_COUNT.length ? COUNT_LOG2_COUNT[count] : count * log2(count);
    }

    private static double log2(int n) {
        return Math.log(n) / Math.log(2);
    }

    /** The number of characters of {@code value} but separators. */
    private static int compactLength(String value) {
        int length = 0;
        for (int i = 0; i < value.length(); i++) {
            length += isSeparator(value.charAt(i)) ? 0 : 1;
        }
        return length;
    }

    /** The first position from {@code from} on that holds no separator, or the value's length. */
    private static int nextNonSeparator(String value, int from) {
        int i = from;
        while (i < value.length() && isSeparator(value.charAt(i))) {
            i++;
        }
        return i;
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '-' || c == '.';
    }

    static String withoutSeparators(String value) {
        StringBuilder compact = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean separator = isSeparator(c);
            if (separator && compact == null) {
                compact = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!separator && compact != null) {
                compact.append(c);
            }
        }
        return compact == null ? value : compact.toString();
    }
}
