package dev.modelyard.router.backend;

import java.util.List;

/**
 * Where the model servers are, as gRPC targets ({@code host:port}), besides those the registry's placements
 * name. The router serves a model on the backends the registry placed it on and falls back to these when a
 * resolution names none; it health-checks these and every backend a placement named. {@link
 * ConfiguredBackendDiscovery} reads them from configuration, or has none when the registry discovers the model
 * servers itself (on Kubernetes, from the Triton Service's endpoints) and every placement names its backends.
 */
public interface BackendDiscovery {

    List<String> targets();
}
