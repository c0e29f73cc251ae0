package dev.modelyard.dp.mechanism;

/**
 * The grid, a power of two, on which the mechanisms work: values are rounded to a multiple of it and noise is
 * added in whole grid units, so every release is a multiple of it and carries no low-order floating-point bits
 * (the approach of Google's differential privacy library against Mironov 2012).
 * <p>
 * Rounding to the nearest multiple is monotone, so values that differ by at most k units of the grid before rounding
 * still do after it; a sensitivity Δ is therefore ⌈Δ / granularity⌉ units.
 */
public record Granularity(double value) {
    /** The integers: for counts. */
    public static final Granularity ONE = new Granularity(1);

    /** Grid units stay exact doubles (and far from overflowing a long) below this. */
    private static final double LARGEST_UNITS = 0x1p53;

    /** How much finer than the sensitivity {@link #forSensitivity} makes the grid. */
    private static final double STEPS_PER_SENSITIVITY = 1024;

    public Granularity {
        if (!(value > 0) || Double.isInfinite(value) || value != Math.scalb(1.0, Math.getExponent(value))) {
            throw new IllegalArgumentException("granularity must be a power of two, not " + value);
        }
    }

    /**
     * The largest power of two at most Δ/1024: rounding to it moves a value by a negligible fraction of the noise
     * (whose scale is at least Δ/ε), while the noise in grid units stays a modest integer.
     */
    public static Granularity forSensitivity(double sensitivity) {
        if (!(sensitivity > 0) || Double.isInfinite(sensitivity)) {
            throw new IllegalArgumentException("sensitivity must be a positive number");
        }
        return new Granularity(Math.scalb(1.0, Math.getExponent(sensitivity / STEPS_PER_SENSITIVITY)));
    }

    /** The value rounded to the nearest multiple of the grid, in grid units. */
    public long units(double value) {
        double scaled = value / this.value;
        if (!(Math.abs(scaled) < LARGEST_UNITS)) {
            throw new IllegalArgumentException(value + " is out of range on a grid of " + this.value);
        }
        return Math.round(scaled);
    }

    /** ⌈Δ / granularity⌉: a sensitivity of Δ in grid units. */
    public long sensitivityUnits(double sensitivity) {
        if (!(sensitivity > 0)) {
            throw new IllegalArgumentException("sensitivity must be positive");
        }
        double units = Math.ceil(sensitivity / value);
        if (!(units < LARGEST_UNITS)) {
            throw new IllegalArgumentException("sensitivity " + sensitivity + " is out of range on a grid of " + value);
        }
        return (long) units;
    }

    /** A number of grid units as a value: an exact multiple of the grid. */
    public double toValue(long units) {
        return units * value;
    }
}
