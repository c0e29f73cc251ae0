package dev.modelyard.gateway.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelyard.common.auth.InternalTokenSigner;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.error.ProblemResponses;
import dev.modelyard.gateway.GatewayConfig;
import dev.modelyard.gateway.auth.Admission;
import dev.modelyard.gateway.auth.RequestIds;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Forwards each request under a service's prefix to that service: authenticates and rate-limits it,
 * swaps the caller's credential for a short-lived internal token, and streams the body both ways
 * with back-pressure, so an upload of any size passes through without being held in memory.
 */
@ApplicationScoped
public class Forwarder {

    private static final Logger LOG = Logger.getLogger(Forwarder.class);

    /** Connection-level headers that belong to one hop, never forwarded (RFC 9110 section 7.6.1). */
    private static final HeaderNames HOP_BY_HOP = new HeaderNames("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "host");

    /**
     * Forwarded calls are routed ahead of Quarkus' security handlers (authentication at order -200, authorization
     * at -100, and the REST layer's failure handler in front of them): {@link RouteAdmission} admits them, and those
     * handlers would only set up an identity nothing asks for, at a cost on every call. CORS (-300) and the
     * request id ({@link RequestIds#ORDER}) come first.
     */
    static final int ORDER = -250;

    private static final CharSequence FORWARDED_FOR = HttpHeaders.createOptimized("X-Forwarded-For");
    private static final CharSequence FORWARDED_HOST = HttpHeaders.createOptimized("X-Forwarded-Host");
    private static final CharSequence FORWARDED_PROTO = HttpHeaders.createOptimized("X-Forwarded-Proto");

    private final RouteAdmission routeAdmission;
    private final GatewayConfig config;
    private final ObjectMapper json;
    private final InternalTokenSigner signer;
    private final Map<String, URI> services = new HashMap<>();
    private EventLoopClients clients;
    private Vertx vertx;

    public Forwarder(RouteAdmission routeAdmission, GatewayConfig config,
                     InternalTokenSigner signer, ObjectMapper json) {
        this.routeAdmission = routeAdmission;
        this.config = config;
        this.json = json;
        this.signer = signer;
        config.services().forEach((name, url) -> services.put(name, URI.create(url)));
    }

    void install(@Observes Router router, Vertx vertx) {
        this.vertx = vertx;
        this.clients = new EventLoopClients(vertx, new HttpClientOptions()
                        .setKeepAlive(true)
                        .setIdleTimeout((int) config.idleTimeout().toSeconds())
                        .setDecompressionSupported(false),
                config.maxConnectionsPerService(), perLoop -> new PoolOptions().setHttp1MaxSize(perLoop));
        for (ServiceRoute route : RouteTable.ROUTES) {
            if (!services.containsKey(route.service())) {
                throw new IllegalStateException("modelyard.gateway.services." + route.service() + " is not configured");
            }
        }
        router.route().order(ORDER).handler(context -> {
            ServiceRoute route = RouteTable.match(context.normalizedPath());
            if (route == null) {
                context.next();
            } else {
                forward(context, route);
            }
        });
    }

    private void forward(RoutingContext context, ServiceRoute route) {
        HttpServerRequest request = context.request();
        // Hold the body until the caller is known; it then flows straight to the service.
        request.pause();
        String requestId = RequestIds.of(context);
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && parseLength(length) > config.maxBodySize()) {
            fail(context, new PlatformException(413, "payload-too-large", "Payload too large",
                    "The body is larger than the " + config.maxBodySize() + " bytes allowed"));
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        routeAdmission.admit(vertx, authorization, requestId, route.scope())
                .onSuccess(admission -> send(context, route, admission, requestId))
                .onFailure(failure -> fail(context, failure));
    }

    private void send(RoutingContext context, ServiceRoute route, Admission admission, String requestId) {
        HttpServerRequest request = context.request();
        URI target = services.get(route.service());
        MDC.put("tenant", admission.caller().tenant() == null ? "-" : admission.caller().tenant());
        RequestOptions options = new RequestOptions()
                .setMethod(request.method())
                .setHost(target.getHost())
                .setPort(target.getPort())
                .setURI(request.uri())
                .setIdleTimeout(config.idleTimeout().toMillis());
        String authorization = signer.authorization(admission.caller());
        clients.current().request(options)
                .compose(upstream -> {
                    // Straight into the outgoing request's headers: no intermediate copy.
                    MultiMap headers = upstream.headers();
                    copyHeaders(request.headers(), headers);
                    headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    headers.set(RequestIds.HEADER, requestId);
                    headers.set(FORWARDED_FOR, request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
                    headers.set(FORWARDED_HOST, request.authority() == null ? "" : request.authority().toString());
                    headers.set(FORWARDED_PROTO, request.scheme());
                    return hasBody(request) ? upstream.send(request) : upstream.send();
                })
                .onSuccess(upstream -> relay(context, upstream))
                .onFailure(failure -> {
                    LOG.warnf("Forwarding %s %s to %s failed: %s", request.method(), request.path(), route.service(),
                            failure.getMessage());
                    fail(context, new PlatformException(502, "service-unavailable", "Bad gateway",
                            "The " + route.service() + " service could not be reached"));
                });
    }

    private static void relay(RoutingContext context, HttpClientResponse upstream) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.closed()) {
            upstream.request().reset();
            return;
        }
        response.setStatusCode(upstream.statusCode());
        response.setStatusMessage(upstream.statusMessage());
        copyHeaders(upstream.headers(), response.headers());
        if (upstream.getHeader(HttpHeaders.CONTENT_LENGTH) == null) {
            response.setChunked(true);
        }
        // A service that breaks off its body leaves the caller's answer unfinished, and the status line has gone
        // out: only a broken connection tells the caller so. Ending the answer instead would send a short body
        // under a longer Content-Length (the next answer on the kept-alive connection then read as its rest), or a
        // truncated chunked body that looks whole.
        upstream.pipe().endOnFailure(false).to(response).onFailure(broken -> response.reset());
    }

    private static boolean hasBody(HttpServerRequest request) {
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        return (length != null && !"0".equals(length)) || request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
    }

    private static void copyHeaders(MultiMap from, MultiMap to) {
        for (Map.Entry<String, String> header : from) {
            if (!HOP_BY_HOP.contains(header.getKey())
                    && !header.getKey().equalsIgnoreCase(RequestIds.HEADER)) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    private static long parseLength(String length) {
        try {
            return Long.parseLong(length);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private void fail(RoutingContext context, Throwable failure) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        // An upload we refused is never read: close the connection rather than drain it.
        boolean unreadBody = hasBody(context.request());
        if (unreadBody) {
            response.putHeader(HttpHeaders.CONNECTION, "close");
        }
        ProblemResponses.send(response, ProblemResponses.of(failure, context.request().path()),
                context.request().path(), json).onComplete(done -> {
                    if (unreadBody) {
                        context.request().connection().close();
                    }
                });
    }
}
