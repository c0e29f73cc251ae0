package dev.modelyard.privacy.budget;

import java.math.BigDecimal;

/** New totals for a file's budget; an absent one stays as it is. */
public record LimitsRequest(BigDecimal epsilonTotal, BigDecimal deltaTotal) {
}
