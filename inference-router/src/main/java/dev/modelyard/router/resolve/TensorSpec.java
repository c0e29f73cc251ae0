package dev.modelyard.router.resolve;

import java.util.List;

/** One input or output of a model's signature; {@code -1} in {@code shape} stands for any size. */
public record TensorSpec(String name, String datatype, List<Long> shape) {

    public TensorSpec {
        shape = List.copyOf(shape);
    }

    /** How error messages name it: {@code features FP32 [-1, 4]}. */
    public String describe() {
        return name + " " + datatype + " " + shape;
    }
}
