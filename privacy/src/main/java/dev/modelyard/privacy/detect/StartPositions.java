package dev.modelyard.privacy.detect;

import java.util.Arrays;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Where the candidates of several recognizers may begin in one text, found in a single pass that looks up
 * every recognizer's start tables together ({@link CandidateStart}), rather than one pass per recognizer; each
 * recognizer then gets the positions its tables let through, in order, exactly as {@link CandidateStart#next}
 * gives them. Covers the first 32 recognizers that have start tables.
 */
final class StartPositions {

    /** Bit {@code r} set where recognizer {@code r}'s candidates can begin with the character. */
    private final int[] initials = new int[128];
    /** Bit {@code r} set where recognizer {@code r}'s candidates never follow the character. */
    private final int[] neverAfter = new int[128];
    private final int covered;

    StartPositions(List<Recognizer> recognizers) {
        int count = Math.min(recognizers.size(), Integer.SIZE);
        int bits = 0;
        for (int r = 0; r < count; r++) {
            CandidateStart start = recognizers.get(r).starts();
            if (start == null) {
                continue;
            }
            bits |= 1 << r;
            for (char c = 0; c < 128; c++) {
                initials[c] |= start.beginsWith(c) ? 1 << r : 0;
                neverAfter[c] |= start.neverFollows(c) ? 1 << r : 0;
            }
        }
        this.covered = bits;
    }

    /** The recognizers of {@code recognizers} (indices) covered here, as bits. */
    int covered(int[] recognizers) {
        int bits = 0;
        for (int r : recognizers) {
            bits |= r < Integer.SIZE ? 1 << r & covered : 0;
        }
        return bits;
    }

    /** Notes in {@code found} the positions of {@code text} where a recognizer of {@code wanted} (bits) may begin. */
    void index(String text, int wanted, Found found) {
        int length = text.length();
        long[] bits = found.clear(length, wanted);
        int words = found.words;
        for (int at = 0; at < length; at++) {
            char c = text.charAt(at);
            int may = c < 128 ? initials[c] & wanted : 0;
            if (may == 0) {
                continue;
            }
            char previous = at > 0 ? text.charAt(at - 1) : '\0';
            may &= previous < 128 ? ~neverAfter[previous] : -1;
            int word = at >>> 6;
            long position = 1L << at;
            for (; may != 0; may &= may - 1) {
                bits[Integer.numberOfTrailingZeros(may) * words + word] |= position;
            }
        }
    }

    /** The starts of recognizer {@code r} in the text last indexed into {@code found}, from a position on. */
    IntUnaryOperator startsOf(int r, Found found) {
        found.recognizer = r;
        return found;
    }

    /**
     * The positions of one text as a bit set per recognizer, kept per thread and reused. It answers the starts of
     * the recognizer {@link #startsOf} last chose, so that no object is made per recognizer and text.
     */
    static final class Found implements IntUnaryOperator {
        /** Recognizer {@code r}'s positions in words {@code r * words} to {@code (r + 1) * words - 1}. */
        private long[] bits = new long[Integer.SIZE];
        private int words;
        private int length;
        private int recognizer;

        private long[] clear(int length, int wanted) {
            this.length = length;
            this.words = (length + Long.SIZE - 1) >>> 6;
            if (bits.length < Integer.SIZE * words) {
                bits = new long[Integer.SIZE * words];
            }
            for (int may = wanted; may != 0; may &= may - 1) {
                int first = Integer.numberOfTrailingZeros(may) * words;
                Arrays.fill(bits, first, first + words, 0);
            }
            return bits;
        }

        @Override
        public int applyAsInt(int from) {
            if (from >= length) {
                return -1;
            }
            int first = recognizer * words;
            int word = from >>> 6;
            // A shift by a long's size or more is taken modulo it: -1L << from keeps the bits from {@code from} on.
            long left = bits[first + word] & -1L << from;
            while (left == 0) {
                if (++word == words) {
                    return -1;
                }
                left = bits[first + word];
            }
            return (word << 6) + Long.numberOfTrailingZeros(left);
        }
    }
}
