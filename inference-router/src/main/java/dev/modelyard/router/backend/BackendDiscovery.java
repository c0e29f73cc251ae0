package dev.modelyard.router.backend;

import java.util.List;

/**
 * Where the model servers are, as gRPC targets ({@code host:port}). The router serves a model on the
 * backends the registry placed it on and falls back to these when a resolution names none; it health-checks
 * all of them. {@link ConfiguredBackendDiscovery} reads them from configuration; a Kubernetes
 * implementation would list the endpoints of the model servers' Service instead, and may change its answer
 * between calls.
 */
public interface BackendDiscovery {

    List<String> targets();
}
