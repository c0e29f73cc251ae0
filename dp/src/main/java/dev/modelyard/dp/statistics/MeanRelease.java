package dev.modelyard.dp.statistics;

import dev.modelyard.dp.PrivacyCost;

/** A private mean with the noise scales of the two releases it is the ratio of, and their total cost. */
public record MeanRelease(double mean, double sumNoiseScale, double countNoiseScale, PrivacyCost cost) {
}
