package dev.modelyard.registry.deploy;

import dev.modelyard.registry.version.Signature;
import java.util.List;

/**
 * What one registered model should serve: the versions its aliases point at, in ascending order. No
 * versions means the model is withdrawn from the repository and the model servers.
 *
 * @param servingName the registered model's id: unique across tenants and never reused
 */
public record ServingPlan(String servingName, String tenant, String modelName, List<ServedVersion> versions) {

    public record ServedVersion(int version, String artifactSha256, Signature signature) {
    }
}
