package dev.modelyard.privacy.detect;

import java.util.Map;

/** The checks that tell real identifiers from look-alikes: check digits, issuer ranges, calendars, entropy. */
final class Checks {

    /** ISO 13616 lengths of every country that issues IBANs. */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
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

    private Checks() {
    }

    /** The country's length and the mod-97 check: country and check digits moved to the end, letters as 10-35. */
    static boolean isIban(String value) {
        String compact = withoutSeparators(value);
        Integer length = IBAN_LENGTHS.get(compact.substring(0, 2));
        if (length == null || compact.length() != length) {
            return false;
        }
        int remainder = 0;
        for (int i = 0; i < compact.length(); i++) {
            char c = compact.charAt((i + 4) % compact.length());
            remainder = c <= '9' ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder == 1;
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

    /** A Luhn-valid number in the IIN range of a major brand, at a length that brand issues. */
    static boolean isCardNumber(String value) {
        String digits = withoutSeparators(value);
        return passesLuhn(digits) && CardBrand.of(digits) != null;
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

    /** Shannon entropy in bits per character. */
    static double entropy(String value) {
        int[] counts = new int[128];
        int other = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 128) {
                counts[c]++;
            } else {
                other++;
            }
        }
        double bits = 0;
        double length = value.length();
        for (int count : counts) {
            if (count > 0) {
                double p = count / length;
                bits -= p * Math.log(p);
            }
        }
        if (other > 0) {
            double p = other / length;
            bits -= p * Math.log(p);
        }
        return bits / Math.log(2);
    }

    static String withoutSeparators(String value) {
        StringBuilder compact = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean separator = c == ' ' || c == '-' || c == '.';
            if (separator && compact == null) {
                compact = new StringBuilder(value.length()).append(value, 0, i);
            } else if (!separator && compact != null) {
                compact.append(c);
            }
        }
        return compact == null ? value : compact.toString();
    }
}
