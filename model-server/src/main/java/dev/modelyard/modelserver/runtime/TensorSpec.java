package dev.modelyard.modelserver.runtime;

/** One input or output of a model's signature; the shape has -1 for any size (the batch included). */
public record TensorSpec(String name, KServeDataType datatype, long[] shape) {

    /** Whether a request's shape fits: same rank, equal dimensions where this one is not -1. */
    public boolean accepts(long[] requested) {
        if (requested.length != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (requested[i] < 0 || shape[i] >= 0 && shape[i] != requested[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name + " " + datatype + " " + Tensor.formatShape(shape);
    }
}
