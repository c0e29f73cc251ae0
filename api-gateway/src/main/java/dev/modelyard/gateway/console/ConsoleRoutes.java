package dev.modelyard.gateway.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.gateway.auth.KeycloakConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;

/**
 * Serves the web console (the static files come from the web-console jar's META-INF/resources): its
 * settings, its security and cache headers, and index.html for any deep link, so a reload of
 * {@code /models/churn} opens the app on that page.
 */
@ApplicationScoped
public class ConsoleRoutes {

    private final String settings;
    private final String identityProviderUrl;

    public ConsoleRoutes(KeycloakConfig keycloak, ConsoleConfig console, ObjectMapper json) throws JsonProcessingException {
        this.identityProviderUrl = keycloak.url();
        this.settings = json.writeValueAsString(Map.of("issuer", keycloak.issuer(), "client_id", console.clientId()));
    }

    void install(@Observes Router router) {
        router.route().order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::addHeaders);
        router.get(ConsolePolicy.CONFIG).handler(context -> context.response()
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
                .end(settings));
        // After the REST resources and the static files had their turn: a page path no file answers.
        router.get().order(RouteConstants.ROUTE_ORDER_AFTER_DEFAULT + 1).handler(context -> {
            if (ConsolePolicy.isPage(context.normalizedPath())) {
                context.reroute(ConsolePolicy.INDEX);
            } else {
                context.next();
            }
        });
    }

    private void addHeaders(RoutingContext context) {
        String path = context.normalizedPath();
        if (!ConsolePolicy.isApi(path)) {
            context.addHeadersEndHandler(ignored -> ConsolePolicy.headers(path, identityProviderUrl)
                    .forEach((name, value) -> context.response().headers().set(name, value)));
        }
        context.next();
    }
}
