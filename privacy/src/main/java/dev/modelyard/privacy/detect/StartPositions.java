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
        found.count = 0;
        for (int at = 0; at < text.length(); at++) {
            char c = text.charAt(at);
            int may = c < 128 ? initials[c] & wanted : 0;
            if (may == 0) {
                continue;
            }
            char previous = at > 0 ? text.charAt(at - 1) : '\0';
            may &= previous < 128 ? ~neverAfter[previous] : -1;
            if (may != 0) {
                found.add(at, may);
            }
        }
    }

    /** The starts of recognizer {@code r} in the text last indexed into {@code found}, from a position on. */
    IntUnaryOperator startsOf(int r, Found found) {
        int bit = 1 << r;
        return new IntUnaryOperator() {
            /** Positions before it were passed: a recognizer asks for starts further and further on. */
            private int next;

            @Override
            public int applyAsInt(int from) {
                for (; next < found.count; next++) {
                    int at = found.positions[next];
                    if (at >= from && (found.masks[next] & bit) != 0) {
                        return at;
                    }
                }
                return -1;
            }
        };
    }

    /** The positions of one text and which recognizers each may begin, kept per thread and reused. */
    static final class Found {
        private int[] positions = new int[64];
        private int[] masks = new int[64];
        private int count;

        private void add(int at, int may) {
            if (count == positions.length) {
                positions = Arrays.copyOf(positions, count * 2);
                masks = Arrays.copyOf(masks, count * 2);
            }
            positions[count] = at;
            masks[count] = may;
            count++;
        }
    }
}
