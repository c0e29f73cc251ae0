package dev.modelyard.gateway.auth;

import dev.modelyard.common.id.Ids;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.MDC;

/**
 * Every request gets an id, answered in {@code X-Request-Id}, passed to the services and written in
 * every log line. A caller's own id is kept when it is short and plain: 1 to 64 of
 * {@code A-Z a-z 0-9 . _ : -}.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final CharSequence HEADER_NAME = HttpHeaders.createOptimized(HEADER);
    private static final String KEY = "modelyard.requestId";
    private static final int MAX_LENGTH = 64;

    /** Before forwarding ({@code Forwarder.ORDER}) and before the REST layer. */
    public static final int ORDER = -400;

    void install(@Observes Router router) {
        router.route().order(ORDER).handler(RequestIds::assign);
    }

    private static void assign(RoutingContext context) {
        String presented = context.request().getHeader(HEADER_NAME);
        String id = presented != null && acceptable(presented) ? presented : Ids.next("req");
        context.put(KEY, id);
        context.response().putHeader(HEADER_NAME, id);
        MDC.put("requestId", id);
        context.next();
    }

    /** Checked on every request, so a plain loop rather than a regular expression. */
    static boolean acceptable(String id) {
        int length = id.length();
        if (length == 0 || length > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!plain) {
                return false;
            }
        }
        return true;
    }

    public static String of(RoutingContext context) {
        String id = context.get(KEY);
        return id != null ? id : Ids.next("req");
    }
}
