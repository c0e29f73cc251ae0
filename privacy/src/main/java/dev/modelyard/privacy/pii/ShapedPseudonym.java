package dev.modelyard.privacy.pii;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * Format-preserving pseudonyms: the same key and value always give the same pseudonym, and it has the
 * value's shape. Every digit becomes a digit, every letter a letter of the same case, and everything else
 * (spaces, dashes, dots, {@code @}, {@code +}) stays where it was. Four kinds get more, so that checks
 * downstream still pass: an e-mail address keeps its top-level domain and stays an address; a card number
 * keeps its first two digits (the brand) and its length and gets a valid Luhn check digit; an IBAN keeps
 * its country and gets valid check digits; an ISO date ({@code yyyy-MM-dd}, perhaps with a time, which
 * stays) moves by a keyed 1 to 365 days either way and stays a real date. The kind is the finding's type,
 * or for a whole column's value (no type) what the value plainly is. A pseudonym is not an encryption: nobody can turn it back, and two
 * values may share one, the likelier the shorter they are.
 */
final class ShapedPseudonym {

    private static final int CARD_PREFIX = 2;
    private static final int ISO_DATE_LENGTH = 10;
    private static final int MAX_DATE_SHIFT = 365;

    /** Bytes determined by the key and a value. */
    @FunctionalInterface
    interface KeyStream {
        byte[] bytes(String value, int length);
    }

    private ShapedPseudonym() {
    }

    static String of(String value, String type, KeyStream keys) {
        byte[] stream = keys.bytes(value, value.length());
        if (PiiType.EMAIL_ADDRESS.name().equals(type) || type == null && isEmail(value)) {
            return email(value, stream);
        }
        if (PiiType.CREDIT_CARD.name().equals(type) && digits(value) > CARD_PREFIX
                || type == null && isCardNumber(value)) {
            return cardNumber(value, stream);
        }
        if (PiiType.IBAN.name().equals(type) && isIbanShaped(compact(value)) || type == null && isIban(value)) {
            return iban(value, stream);
        }
        LocalDate date = isoDate(value);
        if (date != null) {
            return shifted(date, stream) + value.substring(ISO_DATE_LENGTH);
        }
        return mapped(value, stream, 0, value.length());
    }

    /** The local part and the domain but its top-level part are pseudonymized: {@code a.b@example.com → x.q@nhbzsfg.com}. */
    private static String email(String value, byte[] stream) {
        int at = value.lastIndexOf('@');
        int topLevel = value.lastIndexOf('.');
        int kept = topLevel > at ? topLevel : value.length();
        return mapped(value, stream, 0, kept);
    }

    private static String cardNumber(String value, byte[] stream) {
        char[] out = value.toCharArray();
        int total = digits(value);
        int seen = 0;
        int last = -1;
        for (int i = 0; i < out.length; i++) {
            if (isAsciiDigit(out[i])) {
                seen++;
                last = i;
                if (seen > CARD_PREFIX) {
                    out[i] = digit(stream[i]);
                }
            }
        }
        if (total > CARD_PREFIX) {
            out[last] = luhnCheckDigit(out, last);
        }
        return new String(out);
    }

    private static String iban(String value, byte[] stream) {
        String compact = compact(value);
        StringBuilder bban = new StringBuilder(compact.length() - 4);
        for (int i = 4; i < compact.length(); i++) {
            char c = compact.charAt(i);
            bban.append(isAsciiDigit(c) ? digit(stream[i]) : (char) ('A' + Math.floorMod(stream[i], 26)));
        }
        String country = compact.substring(0, 2);
        int check = 98 - mod97(bban + country + "00");
        String pseudonym = country + (check < 10 ? "0" : "") + check + bban;
        StringBuilder out = new StringBuilder(value.length());
        int next = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            out.append(c == ' ' ? c : pseudonym.charAt(next++));
        }
        return out.toString();
    }

    /** The date moved by 1 to {@value #MAX_DATE_SHIFT} days, earlier or later, as the key stream says. */
    private static LocalDate shifted(LocalDate date, byte[] stream) {
        int days = 1 + Math.floorMod((stream[0] << 8) | (stream[1] & 0xff), MAX_DATE_SHIFT);
        return (stream[2] & 1) == 0 ? date.plusDays(days) : date.minusDays(days);
    }

    /** The date a value starts with ({@code yyyy-MM-dd}, alone or before a {@code T} or a blank), or null. */
    private static LocalDate isoDate(String value) {
        if (value.length() < ISO_DATE_LENGTH || value.length() > ISO_DATE_LENGTH
                && value.charAt(ISO_DATE_LENGTH) != 'T' && value.charAt(ISO_DATE_LENGTH) != ' ') {
            return null;
        }
        for (int i = 0; i < ISO_DATE_LENGTH; i++) {
            char c = value.charAt(i);
            if (i == 4 || i == 7 ? c != '-' : !isAsciiDigit(c)) {
                return null;
            }
        }
        try {
            return LocalDate.of(Integer.parseInt(value, 0, 4, 10), Integer.parseInt(value, 5, 7, 10),
                    Integer.parseInt(value, 8, 10, 10));
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** Digits and letters of {@code value} in {@code [from, to)} pseudonymized in place. */
    private static String mapped(String value, byte[] stream, int from, int to) {
        char[] out = value.toCharArray();
        for (int i = from; i < to; i++) {
            char c = out[i];
            if (Character.isDigit(c)) {
                out[i] = digit(stream[i]);
            } else if (Character.isLetter(c)) {
                char letter = (char) ('a' + Math.floorMod(stream[i], 26));
                out[i] = Character.isUpperCase(c) ? Character.toUpperCase(letter) : letter;
            }
        }
        return new String(out);
    }

    private static boolean isEmail(String value) {
        int at = value.lastIndexOf('@');
        return at > 0 && at < value.length() - 1 && value.indexOf(' ') < 0;
    }

    /** 12 to 19 digits, perhaps grouped by spaces or dashes, that pass the Luhn check. */
    private static boolean isCardNumber(String value) {
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isAsciiDigit(c)) {
                count++;
            } else if (c != ' ' && c != '-') {
                return false;
            }
        }
        if (count < 12 || count > 19) {
            return false;
        }
        char[] chars = value.toCharArray();
        int last = value.length() - 1;
        while (!isAsciiDigit(chars[last])) {
            last--;
        }
        return chars[last] == luhnCheckDigit(chars, last);
    }

    private static boolean isIban(String value) {
        String compact = compact(value);
        return isIbanShaped(compact) && mod97(compact.substring(4) + compact.substring(0, 4)) == 1;
    }

    /** Two letters of a country, two check digits, then 11 to 30 letters and digits. */
    private static boolean isIbanShaped(String compact) {
        if (compact.length() < 15 || compact.length() > 34 || !Character.isLetter(compact.charAt(0))
                || !Character.isLetter(compact.charAt(1)) || !isAsciiDigit(compact.charAt(2))
                || !isAsciiDigit(compact.charAt(3))) {
            return false;
        }
        for (int i = 4; i < compact.length(); i++) {
            char c = compact.charAt(i);
            if (!isAsciiDigit(c) && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static String compact(String value) {
        return value.replace(" ", "").toUpperCase(java.util.Locale.ROOT);
    }

    /** The remainder by 97 of the number the text spells, letters counting as 10 (A) to 35 (Z), as ISO 13616 does. */
    private static int mod97(CharSequence text) {
        int remainder = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            remainder = isAsciiDigit(c) ? (remainder * 10 + (c - '0')) % 97 : (remainder * 100 + (c - 'A' + 10)) % 97;
        }
        return remainder;
    }

    /** The Luhn check digit for the digits before position {@code check}. */
    private static char luhnCheckDigit(char[] chars, int check) {
        int sum = 0;
        boolean doubled = true;
        for (int i = check - 1; i >= 0; i--) {
            if (isAsciiDigit(chars[i])) {
                int d = chars[i] - '0';
                if (doubled) {
                    d = d * 2 > 9 ? d * 2 - 9 : d * 2;
                }
                sum += d;
                doubled = !doubled;
            }
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    private static int digits(String value) {
        int count = 0;
        for (int i = 0; i < value.length(); i++) {
            if (isAsciiDigit(value.charAt(i))) {
                count++;
            }
        }
        return count;
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static char digit(byte b) {
        return (char) ('0' + Math.floorMod(b, 10));
    }
}
