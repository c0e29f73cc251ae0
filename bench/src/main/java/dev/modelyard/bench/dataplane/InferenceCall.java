package dev.modelyard.bench.dataplane;

/** One inference request on one path of the data plane; throws when the answer is not a success. */
@FunctionalInterface
public interface InferenceCall {

    void call() throws Exception;
}
