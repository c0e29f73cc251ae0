package dev.modelyard.dp.mechanism;

/** Additive integer noise on a {@link Granularity} grid, calibrated to a sensitivity when built. */
public interface NoiseMechanism {
    /** The value rounded to the grid plus noise: always a multiple of {@link #granularity()}. */
    default double release(double value) {
        Granularity grid = granularity();
        return grid.toValue(noisyUnits(grid.units(value)));
    }

    /** A value already in grid units plus noise in grid units. */
    long noisyUnits(long units);

    /** The spread of the noise in value units: the Laplace scale b, or the Gaussian σ. */
    double noiseScale();

    Granularity granularity();
}
