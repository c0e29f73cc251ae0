package dev.modelyard.privacy.pii;

/**
 * What was worked out for recent values, so that a value seen again is answered without working it out again.
 * A direct-mapped table: a value that collides with another simply replaces it. Values that rarely repeat
 * (amounts, identifiers) are given up on after a trial, so that hashing them stops costing. Each slot keeps its
 * value's hash code beside it, which tells most misses without reading the string that is there. Not thread-safe.
 */
final class RecentValues<T> {

    /** Lookups after which values that repeated too little are given up on. */
    static final int TRIAL = 4096;
    /** The share of a trial's lookups that must be repeats for the table to pay for its hashing. */
    private static final int MIN_REPEATS_PER_TRIAL = TRIAL / 4;

    private final int[] hashes;
    private final String[] values;
    private final Object[] answers;
    private int lookups;
    private int repeats;
    private boolean givenUp;

    /** A table of {@code slots} values, a power of two. */
    RecentValues(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        hashes = new int[slots];
        values = new String[slots];
        answers = new Object[slots];
    }

    /** What was remembered for {@code value}, or null when it is not among the recent values. */
    @SuppressWarnings("unchecked")
    T find(String value) {
        if (givenUp) {
            return null;
        }
        if (++lookups == TRIAL) {
            // Judged on every trial, so values that stop repeating (sorted data, a new section) are given up on too.
            givenUp = repeats < MIN_REPEATS_PER_TRIAL;
            lookups = 0;
            repeats = 0;
        }
        int hash = value.hashCode();
        int slot = hash & (values.length - 1);
        if (hashes[slot] == hash && value.equals(values[slot])) {
            repeats++;
            return (T) answers[slot];
        }
        return null;
    }

    /** Keeps {@code answer} for {@code value}, unless values are given up on. */
    void remember(String value, T answer) {
        if (givenUp) {
            return;
        }
        int hash = value.hashCode();
        int slot = hash & (values.length - 1);
        hashes[slot] = hash;
        values[slot] = value;
        answers[slot] = answer;
    }

    /** Whether values repeated too little for the table to pay. */
    boolean givenUp() {
        return givenUp;
    }
}
