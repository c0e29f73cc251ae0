package dev.modelyard.dp.accounting;

/**
 * One training as the accountant sees it: {@code steps} runs of the Gaussian mechanism with noise multiplier σ, each
 * on a Poisson sample that holds every example with probability {@code sampleRate} (DP-SGD).
 */
public record SampledGaussian(double sampleRate, double noiseMultiplier, long steps) {
    public SampledGaussian {
        if (!(sampleRate > 0 && sampleRate <= 1)) {
            throw new IllegalArgumentException("sample rate must be in (0, 1]");
        }
        if (!(noiseMultiplier >= 0)) {
            throw new IllegalArgumentException("noise multiplier must not be negative");
        }
        if (steps < 0) {
            throw new IllegalArgumentException("steps must not be negative");
        }
    }
}
