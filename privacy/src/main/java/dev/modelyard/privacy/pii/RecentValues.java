package dev.modelyard.privacy.pii;

import java.util.Arrays;

/**
 * What was worked out for recent values, so that a value seen again is answered without working it out again.
 * A direct-mapped table: a value that collides with another simply replaces it. Values that rarely repeat
 * (amounts, identifiers) are given up on after a trial, so that hashing them stops costing. Each slot keeps its
 * value's hash code beside it, which tells most misses without reading the string that is there. A value read as
 * ASCII bytes can be looked up by them, with no string made: it is found where it was remembered with its bytes.
 * Not thread-safe.
 */
final class RecentValues<T> {

    /** Lookups after which values that repeated too little are given up on. */
    static final int TRIAL = 4096;
    /** The share of a trial's lookups that must be repeats for the table to pay for its hashing. */
    private static final int MIN_REPEATS_PER_TRIAL = TRIAL / 4;

    private final int[] hashes;
    private final String[] values;
    /** The ASCII bytes of the values remembered with them, else null. */
    private final byte[][] bytes;
    private final Object[] answers;
    private final int slotShift;
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
        bytes = new byte[slots][];
        answers = new Object[slots];
        slotShift = Integer.SIZE - Integer.numberOfTrailingZeros(slots);
    }

    /** What was remembered for {@code value}, or null when it is not among the recent values. */
    @SuppressWarnings("unchecked")
    T find(String value) {
        if (!lookingUp()) {
            return null;
        }
        int hash = value.hashCode();
        int slot = slot(hash);
        if (hashes[slot] == hash && value.equals(values[slot])) {
            repeats++;
            return (T) answers[slot];
        }
        return null;
    }

    /**
     * What was remembered for the value whose ASCII bytes are {@code ascii} from {@code from} to {@code to}, with
     * {@code hash} its string's hash code, or null when it is not among the values remembered with their bytes.
     */
    @SuppressWarnings("unchecked")
    T find(byte[] ascii, int from, int to, int hash) {
        if (!lookingUp()) {
            return null;
        }
        int slot = slot(hash);
        byte[] known = bytes[slot];
        if (hashes[slot] == hash && known != null && Arrays.equals(known, 0, known.length, ascii, from, to)) {
            repeats++;
            return (T) answers[slot];
        }
        return null;
    }

    /**
     * The slot of a hash code: its bits mixed first, as values of one shape (dates, codes) differ in a few
     * characters and their hash codes then share their low bits.
     */
    private int slot(int hash) {
        return (hash * 0x9E3779B9) >>> slotShift;
    }

    /** Counts a lookup; false once values are given up on. */
    private boolean lookingUp() {
        if (givenUp) {
            return false;
        }
        if (++lookups == TRIAL) {
            // Judged on every trial, so values that stop repeating (sorted data, a new section) are given up on too.
            givenUp = repeats < MIN_REPEATS_PER_TRIAL;
            lookups = 0;
            repeats = 0;
        }
        return true;
    }

    /** Keeps {@code answer} for {@code value}, unless values are given up on. */
    void remember(String value, T answer) {
        remember(value, null, answer);
    }

    /** Keeps {@code answer} for {@code value}, findable by its ASCII bytes {@code ascii} too. */
    void remember(String value, byte[] ascii, int from, int to, T answer) {
        if (!givenUp) {
            remember(value, Arrays.copyOfRange(ascii, from, to), answer);
        }
    }

    private void remember(String value, byte[] ascii, T answer) {
        if (givenUp) {
            return;
        }
        int hash = value.hashCode();
        int slot = slot(hash);
        hashes[slot] = hash;
        values[slot] = value;
        bytes[slot] = ascii;
        answers[slot] = answer;
    }

    /** Whether values repeated too little for the table to pay: then nothing is found or remembered. */
    boolean givenUp() {
        return givenUp;
    }
}
