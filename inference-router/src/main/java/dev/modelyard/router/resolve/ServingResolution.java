package dev.modelyard.router.resolve;

import java.util.List;

/**
 * What the registry answers for a model reference: the registered version and where model servers
 * serve it ({@code serving_name} is the registered model's id, unique across tenants).
 *
 * @param backends the model servers the registry placed the version on; empty when it names none, and then
 *                 any model server the router knows may serve it
 * @param traffic  when the model's traffic is split between aliases (a canary), the weighted versions the
 *                 router picks from for each call; empty otherwise
 */
public record ServingResolution(String model, String version, String servingName, String servingVersion,
                                List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> backends,
                                List<TrafficShare> traffic) {

    public ServingResolution {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        backends = backends == null ? List.of() : List.copyOf(backends);
        traffic = traffic == null ? List.of() : List.copyOf(traffic);
    }

    /** One alias of a traffic split, its share of the calls in {@code weight} out of the weights' sum. */
    public record TrafficShare(String alias, int weight, ServingResolution serving) {
    }
}
