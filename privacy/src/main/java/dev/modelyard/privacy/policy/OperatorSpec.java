package dev.modelyard.privacy.policy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelyard.common.error.FieldError;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An operator as a policy writes it: {@code {"operator": "mask", "chars": 4, "from": "end"}}. Only the
 * parameters of the named operator may be given.
 *
 * @param literal       replace: the text that replaces (default {@code <TYPE>}, or {@code <REDACTED>} for a column)
 * @param chars         mask: how many letters and digits are masked (default all)
 * @param from          mask: {@code start} (default) or {@code end}
 * @param maskingChar   mask: the one character that masks (default {@code *})
 * @param binWidth      generalize: numbers into bins of this width
 * @param datePrecision generalize: ISO dates cut to {@code month} or {@code year}
 * @param prefixLength  generalize: codes keep this many leading letters and digits
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OperatorSpec(String operator, String literal, Integer chars, String from, String maskingChar,
                           BigDecimal binWidth, String datePrecision, Integer prefixLength) {

    static final List<String> NAMES = List.of("redact", "replace", "mask", "pseudonymize", "format_preserving",
            "generalize", "suppress", "keep");
    static final int MAX_LITERAL = 200;

    public static OperatorSpec of(String operator) {
        return new OperatorSpec(operator, null, null, null, null, null, null, null);
    }

    /** The operator, or null after adding what is wrong to {@code errors}, each named under {@code field}. */
    Operator toOperator(String field, List<FieldError> errors) {
        if (operator == null || operator.isBlank()) {
            errors.add(FieldError.field(field + ".operator", "is required"));
            return null;
        }
        if (!NAMES.contains(operator)) {
            errors.add(FieldError.field(field + ".operator", "must be one of " + String.join(", ", NAMES)));
            return null;
        }
        int before = errors.size();
        List<String> allowed = switch (operator) {
            case "replace" -> List.of("literal");
            case "mask" -> List.of("chars", "from", "masking_char");
            case "generalize" -> List.of("bin_width", "date_precision", "prefix_length");
            default -> List.of();
        };
        for (String parameter : givenParameters()) {
            if (!allowed.contains(parameter)) {
                errors.add(FieldError.field(field + "." + parameter, "does not apply to operator " + operator));
            }
        }
        Operator result = switch (operator) {
            case "redact" -> new Operator.Redact();
            case "replace" -> replace(field, errors);
            case "mask" -> mask(field, errors);
            case "pseudonymize" -> new Operator.Pseudonymize();
            case "format_preserving" -> new Operator.FormatPreserving();
            case "generalize" -> generalize(field, errors);
            case "suppress" -> new Operator.Suppress();
            default -> new Operator.Keep();
        };
        return errors.size() == before ? result : null;
    }

    private Operator replace(String field, List<FieldError> errors) {
        if (literal != null && literal.length() > MAX_LITERAL) {
            errors.add(FieldError.field(field + ".literal", "must be at most " + MAX_LITERAL + " characters"));
        }
        return new Operator.Replace(literal);
    }

    private Operator mask(String field, List<FieldError> errors) {
        if (chars != null && chars < 1) {
            errors.add(FieldError.field(field + ".chars", "must be at least 1"));
        }
        if (from != null && !from.equals("start") && !from.equals("end")) {
            errors.add(FieldError.field(field + ".from", "must be start or end"));
        }
        if (maskingChar != null && maskingChar.length() != 1) {
            errors.add(FieldError.field(field + ".masking_char", "must be exactly one character"));
        }
        return new Operator.Mask(chars, "end".equals(from), maskingChar == null || maskingChar.length() != 1
                ? '*' : maskingChar.charAt(0));
    }

    private Operator generalize(String field, List<FieldError> errors) {
        int given = (binWidth != null ? 1 : 0) + (datePrecision != null ? 1 : 0) + (prefixLength != null ? 1 : 0);
        if (given != 1) {
            errors.add(FieldError.field(field, "generalize takes exactly one of bin_width, date_precision, prefix_length"));
            return null;
        }
        if (binWidth != null && binWidth.signum() <= 0) {
            errors.add(FieldError.field(field + ".bin_width", "must be above 0"));
        }
        Operator.Generalize.DatePrecision precision = null;
        if (datePrecision != null) {
            if (datePrecision.equals("month") || datePrecision.equals("year")) {
                precision = Operator.Generalize.DatePrecision.valueOf(datePrecision.toUpperCase(Locale.ROOT));
            } else {
                errors.add(FieldError.field(field + ".date_precision", "must be month or year"));
            }
        }
        if (prefixLength != null && prefixLength < 0) {
            errors.add(FieldError.field(field + ".prefix_length", "must be at least 0"));
        }
        return new Operator.Generalize(binWidth, precision, prefixLength);
    }

    private List<String> givenParameters() {
        List<String> given = new ArrayList<>();
        if (literal != null) {
            given.add("literal");
        }
        if (chars != null) {
            given.add("chars");
        }
        if (from != null) {
            given.add("from");
        }
        if (maskingChar != null) {
            given.add("masking_char");
        }
        if (binWidth != null) {
            given.add("bin_width");
        }
        if (datePrecision != null) {
            given.add("date_precision");
        }
        if (prefixLength != null) {
            given.add("prefix_length");
        }
        return given;
    }
}
