package dev.modelyard.trainer.data;

import java.util.SplittableRandom;

/** Seeded random orders of example indexes. */
public final class Permutation {
    private Permutation() {
    }

    /** 0 … size−1 in a uniformly random order (Fisher–Yates). */
    public static int[] shuffled(int size, SplittableRandom random) {
        int[] order = new int[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        for (int i = size - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
