package dev.modelyard.gateway.proxy;

/**
 * One area of the public API and the service that owns it.
 *
 * @param service the service's name in {@code modelyard.gateway.services}
 * @param prefix  the path prefix, matched at a segment boundary
 * @param scope   the API key scope needed to reach it
 */
public record ServiceRoute(String service, String prefix, String scope) {

    /** Whether {@code path} is the prefix itself or below it ({@code /v1/models/x}, not {@code /v1/modelsX}). */
    public boolean matches(String path) {
        return path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/');
    }
}
