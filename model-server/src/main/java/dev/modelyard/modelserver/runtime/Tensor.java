package dev.modelyard.modelserver.runtime;

import java.lang.reflect.Array;
import java.util.Arrays;

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
