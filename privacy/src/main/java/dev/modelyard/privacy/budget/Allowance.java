package dev.modelyard.privacy.budget;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.math.BigDecimal;

/** One quantity of a privacy budget (epsilon or delta): its total, what is spent, and what is held for running work. */
@Embeddable
public class Allowance {

    @Column(nullable = false)
    public BigDecimal total;

    @Column(nullable = false)
    public BigDecimal spent;

    @Column(nullable = false)
    public BigDecimal reserved;

    static Allowance of(BigDecimal total) {
        Allowance allowance = new Allowance();
        allowance.total = total;
        allowance.spent = BigDecimal.ZERO;
        allowance.reserved = BigDecimal.ZERO;
        return allowance;
    }

    public BigDecimal remaining() {
        return total.subtract(spent).subtract(reserved);
    }

    /** What is spent or held: the least the total may become. */
    BigDecimal committed() {
        return spent.add(reserved);
    }

    boolean covers(BigDecimal amount) {
        return amount.compareTo(remaining()) <= 0;
    }

    void reserve(BigDecimal amount) {
        reserved = reserved.add(amount);
    }

    /** Releases {@code held} and spends {@code used} of it; a refund spends nothing. */
    void settle(BigDecimal held, BigDecimal used) {
        reserved = reserved.subtract(held);
        spent = spent.add(used);
    }
}
