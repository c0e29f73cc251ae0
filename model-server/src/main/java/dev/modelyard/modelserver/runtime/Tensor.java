package dev.modelyard.modelserver.runtime;

import java.lang.reflect.Array;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * A named tensor as the KServe protocols exchange it, independent of gRPC and JSON: a datatype, a shape and
 * the values in row-major order in the datatype's carrier array.
 */
public record Tensor(String name, KServeDataType datatype, long[] shape, Object values) {

    public Tensor {
        if (!datatype.carrier().isInstance(values)) {
            throw new IllegalArgumentException(datatype + " values travel as " + datatype.carrier().getSimpleName());
        }
    }

    public int valueCount() {
        return Array.getLength(values);
    }

    /** The index of the first value the datatype cannot hold (an INT8 of 300), if any. */
    public OptionalInt firstValueOutOfRange() {
        if (!datatype.narrowInteger()) {
            return OptionalInt.empty();
        }
        for (int i = 0; i < valueCount(); i++) {
            long value = values instanceof int[] ints ? ints[i] : ((long[]) values)[i];
            if (!datatype.holds(value)) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** How many elements a shape holds; -1 when a dimension is negative. */
    public static long elementCount(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            if (dimension < 0) {
                return -1;
            }
            count = Math.multiplyExact(count, dimension);
        }
        return count;
    }

    public static String formatShape(long[] shape) {
        return Arrays.toString(shape).replace(" ", "");
    }
}
