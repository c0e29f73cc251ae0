package dev.modelyard.registry.serving;

import dev.modelyard.registry.version.TensorSpec;
import java.util.List;

/**
 * What a router needs to call a model server for one model reference: the names the model server knows
 * ({@code serving_name}, {@code serving_version}), the model servers the version is placed on
 * ({@code backends}, empty when it was deployed before placements were recorded) and the tensors to
 * validate requests against. {@code traffic}, present only when the model's traffic is split, lists the
 * versions to pick from by weight.
 */
public record ServingView(String model, int version, String servingName, String servingVersion,
                          List<TensorSpec> inputs, List<TensorSpec> outputs, List<String> classLabels,
                          List<String> backends, List<TrafficShare> traffic) {

    /** One alias of a traffic split with its weight (of 100) and where its version is served. */
    public record TrafficShare(String alias, int weight, ServingView serving) {
    }

    ServingView withTraffic(List<TrafficShare> shares) {
        return new ServingView(model, version, servingName, servingVersion, inputs, outputs, classLabels, backends,
                shares);
    }
}
