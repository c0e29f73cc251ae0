package dev.modelyard.gateway.auth;

import dev.modelyard.common.id.Ids;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import io.vertx.ext.web.RoutingContext;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every request gets an id, answered in {@code X-Request-Id}, passed to the services and written in
 * every log line. A caller's own id is kept when it is short and plain.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final String KEY = "modelyard.requestId";
    private static final Pattern ACCEPTABLE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    void install(@Observes Router router) {
        // Before forwarding (order -10) and before the REST layer.
        router.route().order(-100).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext context) {
        String presented = context.request().getHeader(HEADER);
        String id = presented != null && ACCEPTABLE.matcher(presented).matches() ? presented : Ids.next("req");
        context.put(KEY, id);
        context.response().putHeader(HEADER, id);
        MDC.put("requestId", id);
        context.next();
    }

    public static String of(RoutingContext context) {
        String id = context.get(KEY);
        return id != null ? id : Ids.next("req");
    }
}
