package dev.modelyard.privacy.budget;

import java.math.BigDecimal;

/** What a computation actually spent, at most what it reserved; an absent amount spends all of its reservation. */
public record CommitRequest(BigDecimal epsilon, BigDecimal delta) {
}
