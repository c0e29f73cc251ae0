package dev.modelyard.gateway.billing;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class InvoicePricingTest {

    private static final InvoicePricing.Prices TEAM = new InvoicePricing.Prices(new BigDecimal("0.5000"),
            new BigDecimal("0.000400"));

    @Test
    void pricesInferencesPerThousandAndComputePerSecond() {
        InvoicePricing.Priced priced = InvoicePricing.price(List.of(new UsageLine("churn", "3", 1200, 2500, 12.5)), TEAM);

        InvoicePricing.PricedLine line = priced.lines().getFirst();
        assertThat(line.model()).isEqualTo("churn");
        assertThat(line.version()).isEqualTo("3");
        assertThat(line.inferences()).isEqualTo(2500);
        assertThat(line.pricePer1kInferences()).isEqualByComparingTo("0.5");
        assertThat(line.computeSeconds()).isEqualByComparingTo("12.5");
        assertThat(line.pricePerComputeSecond()).isEqualByComparingTo("0.0004");
        assertThat(line.inferenceAmount()).isEqualByComparingTo("1.25");
        assertThat(line.computeAmount()).isEqualByComparingTo("0.005");
        assertThat(line.amount()).isEqualByComparingTo("1.255");
        assertThat(priced.totalDue()).isEqualByComparingTo("1.26");
    }

    @Test
    void smallLinesAreSummedExactlyBeforeTheTotalIsRounded() {
        List<UsageLine> usage = List.of(new UsageLine("a", "1", 3, 3, 0), new UsageLine("a", "2", 3, 3, 0),
                new UsageLine("c", "1", 3, 3, 0));

        InvoicePricing.Priced priced = InvoicePricing.price(usage, TEAM);

        // 0.0015 each: rounding per line would bill 0.00; the exact subtotal is 0.0045.
        assertThat(priced.subtotal()).isEqualByComparingTo("0.0045");
        assertThat(priced.totalDue()).isEqualByComparingTo("0.00");
    }

    @Test
    void noUsageCostsNothing() {
        assertThat(InvoicePricing.price(List.of(), TEAM).totalDue()).isEqualByComparingTo("0");
    }
}
