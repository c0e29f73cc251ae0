package dev.modelyard.gateway.console;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Which requests belong to the console, and the headers its files go out with: hashed assets are
 * cached for good, everything else is revalidated so a new release shows at once, and a content security
 * policy lets the page talk only to this origin and the identity provider.
 */
public final class ConsolePolicy {

    static final String ASSETS = "/assets/";
    static final String INDEX = "/index.html";
    static final String CONFIG = "/console-config.json";
    private static final List<String> API_ROOTS = List.of("/v1", "/v2", "/q");

    private ConsolePolicy() {
    }

    /** The API, OpenAPI, health and gRPC paths: never the console's. */
    static boolean isApi(String path) {
        if (path.startsWith("/inference.")) {
            return true;
        }
        return API_ROOTS.stream().anyMatch(root -> path.equals(root) || path.startsWith(root + "/"));
    }

    /** A deep link into the single-page app (a path naming no file), which index.html answers. */
    static boolean isPage(String path) {
        if (isApi(path) || path.startsWith(ASSETS)) {
            return false;
        }
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.contains(".");
    }

    /** The headers of a console response for this path; the identity provider's origin joins 'self'. */
    static Map<String, String> headers(String path, String identityProviderUrl) {
        String idp = origin(identityProviderUrl);
        String policy = String.join("; ",
                "default-src 'self'",
                "script-src 'self'",
                "style-src 'self'",
                "img-src 'self' data:",
                "connect-src 'self' " + idp,
                "frame-src " + idp,
                "form-action 'self' " + idp,
                "frame-ancestors 'self'",
                "base-uri 'self'",
                "object-src 'none'");
        return Map.of(
                "Content-Security-Policy", policy,
                "X-Content-Type-Options", "nosniff",
                "Referrer-Policy", "same-origin",
                "Cache-Control", path.startsWith(ASSETS) ? "public, max-age=31536000, immutable" : "no-cache");
    }

    static String origin(String url) {
        URI uri = URI.create(url);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
