package dev.modelyard.gateway.billing;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Prices usage with a plan: per 1,000 inferences plus per compute-second. Amounts stay exact
 * (six decimals) per line; only the total due is rounded, to cents, so many small lines do not
 * drift apart from what their sum should be.
 */
public final class InvoicePricing {

    private static final int LINE_SCALE = 6;
    private static final BigDecimal THOUSAND = BigDecimal.valueOf(1000);

    private InvoicePricing() {
    }

    public record Prices(BigDecimal per1kInferences, BigDecimal perComputeSecond) {
    }

    /**
     * One line per model version: each quantity beside its unit price and amount.
     *
     * @param inferences the billed quantity priced per 1,000 (rows of successful calls)
     */
    public record PricedLine(String model, String version, long requests,
                             long inferences, BigDecimal pricePer1kInferences, BigDecimal inferenceAmount,
                             BigDecimal computeSeconds, BigDecimal pricePerComputeSecond, BigDecimal computeAmount,
                             BigDecimal amount) {
    }

    public record Priced(List<PricedLine> lines, BigDecimal subtotal, BigDecimal totalDue) {
    }

    public static Priced price(List<UsageLine> usage, Prices prices) {
        List<PricedLine> lines = usage.stream().map(line -> priceLine(line, prices)).toList();
        BigDecimal subtotal = lines.stream().map(PricedLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add)
                .setScale(LINE_SCALE, RoundingMode.HALF_UP);
        return new Priced(lines, subtotal, subtotal.setScale(2, RoundingMode.HALF_UP));
    }

    private static PricedLine priceLine(UsageLine line, Prices prices) {
        BigDecimal computeSeconds = BigDecimal.valueOf(line.computeSeconds()).setScale(LINE_SCALE, RoundingMode.HALF_UP);
        BigDecimal inferenceAmount = prices.per1kInferences().multiply(BigDecimal.valueOf(line.rows()))
                .divide(THOUSAND, LINE_SCALE, RoundingMode.HALF_UP);
        BigDecimal computeAmount = prices.perComputeSecond().multiply(computeSeconds)
                .setScale(LINE_SCALE, RoundingMode.HALF_UP);
        return new PricedLine(line.model(), line.version(), line.requests(), line.rows(), prices.per1kInferences(),
                inferenceAmount, computeSeconds, prices.perComputeSecond(), computeAmount, inferenceAmount.add(computeAmount));
    }
}
