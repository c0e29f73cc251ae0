package dev.modelyard.privacy.accounting;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;

/** What a DP-SGD training looks like to the accountant: Poisson sampling at a rate, a noise multiplier, steps, δ. */
public final class AccountingRequests {

    private AccountingRequests() {
    }

    /** ε spent by a planned or finished training. */
    public record Epsilon(
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double sampleRate,
            @NotNull @Positive Double noiseMultiplier,
            @NotNull @Positive Long steps,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double delta) {
    }

    /** The least noise that keeps a planned training within a target ε. */
    public record Noise(
            @NotNull @Positive Double targetEpsilon,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax(value = "1", inclusive = false) Double delta,
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("1") Double sampleRate,
            @NotNull @Positive Long steps) {
    }
}
