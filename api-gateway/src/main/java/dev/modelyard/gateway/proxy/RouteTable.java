package dev.modelyard.gateway.proxy;

import java.util.List;

/**
 * Which service owns which part of the public API; anything else is the gateway's own. Paths only
 * services call each other on (budget settlement under {@code /v1/budget}) are deliberately absent.
 */
public final class RouteTable {

    public static final List<ServiceRoute> ROUTES = List.of(
            new ServiceRoute("privacy", "/v1/files", "files"),
            new ServiceRoute("privacy", "/v1/privacy", "files"),
            new ServiceRoute("training", "/v1/fine_tuning", "fine_tuning"),
            new ServiceRoute("registry", "/v1/models", "models"),
            new ServiceRoute("registry", "/v1/artifacts", "models"),
            new ServiceRoute("router", "/v2", "inference"),
            new ServiceRoute("router", "/v1/usage", "usage"));

    private RouteTable() {
    }

    /**
     * The route owning {@code path}, or {@code null} when the gateway answers it itself. A plain scan of
     * prefixes: it runs on every request, where one regular expression per route would cost a matcher each.
     */
    public static ServiceRoute match(String path) {
        for (ServiceRoute route : ROUTES) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }
}
