package dev.modelyard.gateway.proxy;

import java.util.regex.Pattern;

/**
 * One area of the public API and the service that owns it.
 *
 * @param service the service's name in {@code modelyard.gateway.services}
 * @param prefix  the path prefix, matched at a segment boundary
 * @param scope   the API key scope needed to reach it
 */
public record ServiceRoute(String service, String prefix, String scope) {

    /** Matches the prefix itself and anything below it, but not {@code /v1/modelsX}. */
    public String regex() {
        return "^" + Pattern.quote(prefix) + "(?:/.*)?$";
    }
}
