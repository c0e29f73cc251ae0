package dev.modelyard.privacy.policy;

import dev.modelyard.privacy.pii.PiiType;
import dev.modelyard.privacy.pii.Pseudonymizer;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What becomes of a piece of personal data. A type's operator gets each finding of that type (the span
 * alone); a column's operator gets each whole value of the column, unscanned. Operators are immutable and
 * keep no state, so one serves every upload; the tenant's key comes with each call.
 */
public sealed interface Operator {

    /** The operator's name in policies and reports. */
    String name();

    /**
     * What replaces {@code value}; null when the whole value goes, not only the finding (see {@link Suppress}).
     *
     * @param type the finding's type, or null for a whole column's value
     */
    String apply(String value, String type, Pseudonymizer keys);

    /** The text is removed: a finding leaves nothing where it was; a column's value becomes empty. */
    record Redact() implements Operator {
        @Override
        public String name() {
            return "redact";
        }

        @Override
        public String apply(String value, String type, Pseudonymizer keys) {
            return "";
        }
    }

    /**
     * The text becomes {@code literal}, or without one {@code <TYPE>} for a finding and {@code <REDACTED>} for a
     * column's value: the platform default for every type.
     */
    record Replace(String literal) implements Operator {

        public static final Replace PLACEHOLDER = new Replace(null);
        static final String COLUMN_PLACEHOLDER = "<REDACTED>";

        @Override
        public String name() {
            return "replace";
        }

        @Override
        public String apply(String value, String type, Pseudonymizer keys) {
            if (literal != null) {
                return literal;
            }
            return type == null ? COLUMN_PLACEHOLDER : PiiType.placeholder(type);
        }
    }

    /**
     * {@code chars} letters and digits (all of them when null) from the start or the end become {@code with};
     * separators stay, so {@code 4111 1111 1111 1111} masked but 4 from the end reads {@code **** **** **** 1111}.
     */
    record Mask(Integer chars, boolean fromEnd, char with) implements Operator {
        @Override
        public String name() {
            return "mask";
        }

        @Override
        public String apply(String value, String type, Pseudonymizer keys) {
            char[] out = value.toCharArray();
            int left = chars == null ? Integer.MAX_VALUE : chars;
            for (int n = 0; n < out.length && left > 0; n++) {
                int i = fromEnd ? out.length - 1 - n : n;
                if (Character.isLetterOrDigit(out[i])) {
                    out[i] = with;
                    left--;
                }
            }
            return new String(out);
        }
    }

    /** A keyed pseudonym ({@code pid_…}): one value gets one pseudonym across all files of a tenant. */
    record Pseudonymize() implements Operator {
        @Override
        public String name() {
            return "pseudonymize";
        }

        @Override
        public String apply(String value, String type, Pseudonymizer keys) {
            return keys.pseudonym(value);
        }
    }

    /** A keyed pseudonym with the value's shape (see {@link Pseudonymizer#shaped}). */
    record FormatPreserving() implements Operator {
        @Override
        public String name() {
            return "format_preserving";
        }

        @Override
        public String apply(String value, String type, Pseudonymizer keys) {
            return keys.shaped(value, type);
        }
    }

    /**
     * Less detail, by exactly one of: numbers into bins {@code [low, high)} of {@code binWidth} aligned to its
     * multiples ({@code 37 → [30, 40)}); ISO dates cut to {@code datePrecision} ({@code month}: {@code 1990-05},
     * {@code year}: {@code 1990}); codes keeping their first {@code prefixLength} letters and digits and the
     * rest masked with {@code *} ({@code 10115 → 101**}). A value that does not read as what the operator
     * expects is removed rather than kept.
     */
    record Generalize(BigDecimal binWidth, DatePrecision datePrecision, Integer prefixLength) implements Operator {

        public enum DatePrecision { MONTH, YEAR }

        private static final Mask MASK_ALL = new Mask(null, false, '*');

        @Override
        public String name() {
            return "generalize";
        }

        @Override
        public String apply(String value, String type, Pseudonymizer keys) {
            String text = value.strip();
            if (text.isEmpty()) {
                return value;
            }
            if (binWidth != null) {
                return bin(text);
            }
            if (datePrecision != null) {
                return isIsoDate(text) ? text.substring(0, datePrecision == DatePrecision.MONTH ? 7 : 4) : "";
            }
            return prefixed(text);
        }

        private String bin(String text) {
            BigDecimal number;
            try {
                number = new BigDecimal(text);
            } catch (NumberFormatException e) {
                return "";
            }
            BigDecimal low = number.divide(binWidth, 0, RoundingMode.FLOOR).multiply(binWidth);
            return "[" + plain(low) + ", " + plain(low.add(binWidth)) + ")";
        }

        private String prefixed(String text) {
            int end = prefixEnd(text);
            return text.substring(0, end) + MASK_ALL.apply(text.substring(end), null, null);
        }

        /** Where the kept prefix of {@code prefixLength} letters and digits ends. */
        private int prefixEnd(String text) {
            int kept = 0;
            int i = 0;
            while (i < text.length() && kept < prefixLength) {
                if (Character.isLetterOrDigit(text.charAt(i))) {
                    kept++;
                }
                i++;
            }
            return i;
        }

        /** {@code yyyy-MM-dd}, perhaps followed by a time ({@code T…} or a blank): checked by hand, no regex per cell. */
        private static boolean isIsoDate(String text) {
            if (text.length() < 10 || text.length() > 10 && text.charAt(10) != 'T' && text.charAt(10) != ' ') {
                return false;
            }
            for (int i = 0; i < 10; i++) {
                char c = text.charAt(i);
                if (i == 4 || i == 7 ? c != '-' : c < '0' || c > '9') {
                    return false;
                }
            }
            int month = (text.charAt(5) - '0') * 10 + text.charAt(6) - '0';
            int day = (text.charAt(8) - '0') * 10 + text.charAt(9) - '0';
            return month >= 1 && month <= 12 && day >= 1 && day <= 31;
        }

        private static String plain(BigDecimal value) {
            return value.stripTrailingZeros().toPlainString();
        }
    }

    /**
     * The whole value goes, whichever part of it held a finding: the CSV cell becomes empty, the JSON value
     * {@code null}. The strongest operator, for free text that must not travel at all.
     */
    record Suppress() implements Operator {
        @Override
        public String name() {
            return "suppress";
        }

        @Override
        public String apply(String value, String type, Pseudonymizer keys) {
            return null;
        }
    }

    /** The value stays as it is: for a column, it is not even scanned (quasi-identifiers kept for k-anonymity). */
    record Keep() implements Operator {
        @Override
        public String name() {
            return "keep";
        }

        @Override
        public String apply(String value, String type, Pseudonymizer keys) {
            return value;
        }
    }
}
