package dev.modelyard.dp.statistics;

import dev.modelyard.dp.PrivacyCost;

/**
 * A differentially private value with the noise scale used (Laplace b or Gaussian σ in the value's units; for
 * quantiles, the exponential mechanism's 2/ε per quantile in ranks) and what it cost.
 */
public record Release<T>(T value, double noiseScale, PrivacyCost cost) {
}
