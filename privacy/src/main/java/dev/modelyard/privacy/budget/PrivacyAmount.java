package dev.modelyard.privacy.budget;

import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import java.math.BigDecimal;

/** An epsilon and a delta together: a budget's limits, a reservation, or what a computation spent. */
public record PrivacyAmount(BigDecimal epsilon, BigDecimal delta) {

    /** Whether neither part is larger than {@code other}'s. */
    boolean within(PrivacyAmount other) {
        return epsilon.compareTo(other.epsilon) <= 0 && delta.compareTo(other.delta) <= 0;
    }

    /**
     * A request's amount, named by its field.
     *
     * @throws PlatformException 400 when it is missing or negative
     */
    static BigDecimal checked(String field, BigDecimal value) {
        if (value == null) {
            throw PlatformException.badRequest(field + " is required", FieldError.field(field, "is required"));
        }
        if (value.signum() < 0) {
            throw PlatformException.badRequest(field + " must not be negative",
                    FieldError.field(field, "must be at least 0"));
        }
        return value;
    }

    /** A number as people write it: {@code 10}, {@code 0.00001}. */
    static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
