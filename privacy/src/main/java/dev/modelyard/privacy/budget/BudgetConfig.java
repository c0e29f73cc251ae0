package dev.modelyard.privacy.budget;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;

/**
 * The differential-privacy budgets a file and a tenant start with. A budget row takes these limits when it is
 * first used; changing them later leaves existing budgets as they are. Under basic composition epsilons and
 * deltas add up, so the tenant's defaults allow ten files spent to their own defaults.
 */
@ConfigMapping(prefix = "modelyard.privacy.budget")
public interface BudgetConfig {

    /** The total epsilon a file's budget starts with: a usual upper end for one dataset's cumulative privacy loss. */
    @WithDefault("10")
    BigDecimal fileEpsilon();

    /** The total delta a file's budget starts with: well below one over the number of rows of a typical dataset. */
    @WithDefault("0.00001")
    BigDecimal fileDelta();

    /** The total epsilon of a tenant's budget, which all of its files' spending counts against. */
    @WithDefault("100")
    BigDecimal tenantEpsilon();

    /** The total delta of a tenant's budget. */
    @WithDefault("0.0001")
    BigDecimal tenantDelta();

    /**
     * How long a reservation holds its budget when the reserver asks for no lifetime: long enough for a usual
     * fine-tuning run, short enough that a reserver that died gives the budget back within a day.
     */
    @WithDefault("24h")
    Duration reservationTtl();

    /** The longest lifetime a reservation may ask for, or be extended by at once. */
    @WithDefault("7d")
    Duration maxReservationTtl();

    /** How often expired reservations are looked for and refunded. */
    @WithDefault("1m")
    Duration expirySweepInterval();
}
