package dev.modelyard.gateway.proxy;

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
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jboss.logging.Logger;

/**
 * The public gRPC entrance: KServe v2 / Triton {@code GRPCInferenceService} calls reach the gateway's
 * port over HTTP/2 with an API key or a person's token in the {@code authorization} metadata, pass the
 * same admission as REST calls (scope {@code inference}), and go on to the inference router with an
 * internal token. Messages are relayed as bytes, never decoded, trailers included, so every RPC of the
 * protocol passes, streaming ones too. A refused call gets a gRPC status, as gRPC clients expect.
 */
@ApplicationScoped
public class GrpcForwarder {

    private static final Logger LOG = Logger.getLogger(GrpcForwarder.class);
    static final String SERVICE_PATH = "/inference.GRPCInferenceService/";
    private static final String SCOPE = "inference";
    private static final HeaderNames NOT_FORWARDED = new HeaderNames("connection", "keep-alive", "transfer-encoding",
            "upgrade", "host", "te", "authorization");

    private static final CharSequence TE = HttpHeaders.createOptimized("te");
    private static final CharSequence TRAILERS = HttpHeaders.createOptimized("trailers");

    private final RouteAdmission routeAdmission;
    private final InternalTokenSigner signer;
    private final URI router;
    private final int maxConnections;
    private EventLoopClients clients;
    private Vertx vertx;

    public GrpcForwarder(RouteAdmission routeAdmission, InternalTokenSigner signer, GatewayConfig config) {
        this.routeAdmission = routeAdmission;
        this.signer = signer;
        this.router = URI.create(config.services().get("router"));
        this.maxConnections = config.maxConnectionsPerService();
    }

    void install(@Observes Router routes, Vertx vertx) {
        this.vertx = vertx;
        // HTTP/2 with prior knowledge, as gRPC over cleartext is spoken.
        this.clients = new EventLoopClients(vertx, new HttpClientOptions()
                        .setProtocolVersion(HttpVersion.HTTP_2)
                        .setHttp2ClearTextUpgrade(false)
                        .setKeepAlive(true),
                Math.max(1, maxConnections / 16), perLoop -> new PoolOptions().setHttp2MaxSize(perLoop));
        // Ahead of the REST forwarding, for the same reasons (Forwarder.ORDER).
        routes.route().order(Forwarder.ORDER - 1).handler(context -> {
            if (isServiceMethod(context.normalizedPath())) {
                forward(context);
            } else {
                context.next();
            }
        });
    }

    /** {@value #SERVICE_PATH} and a method name of letters: a plain check, as it runs on every request. */
    static boolean isServiceMethod(String path) {
        if (!path.startsWith(SERVICE_PATH) || path.length() == SERVICE_PATH.length()) {
            return false;
        }
        for (int i = SERVICE_PATH.length(); i < path.length(); i++) {
            char c = path.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    private void forward(RoutingContext context) {
        HttpServerRequest request = context.request();
        request.pause();
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (request.version() != HttpVersion.HTTP_2 || contentType == null || !contentType.startsWith("application/grpc")) {
            context.response().setStatusCode(415).end("gRPC needs HTTP/2 and content-type application/grpc");
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String requestId = RequestIds.of(context);
        routeAdmission.admit(vertx, authorization, requestId, SCOPE)
                .onSuccess(admission -> send(context, admission, requestId))
                .onFailure(failure -> refuse(context.response(), ProblemResponses.of(failure, request.path())));
    }

    private void send(RoutingContext context, Admission admission, String requestId) {
        HttpServerRequest request = context.request();
        String authorization = signer.authorization(admission.caller());
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost(router.getHost())
                .setPort(router.getPort()).setURI(request.path());
        clients.current().request(options)
                .compose(upstream -> {
                    // Straight into the outgoing request's headers: no intermediate copy.
                    MultiMap headers = upstream.headers();
                    request.headers().forEach((name, value) -> {
                        if (!NOT_FORWARDED.contains(name) && !name.startsWith(":")) {
                            headers.add(name, value);
                        }
                    });
                    headers.set(TE, TRAILERS);
                    headers.set(HttpHeaders.AUTHORIZATION, authorization);
                    headers.set(RequestIds.HEADER, requestId);
                    return upstream.send(request);
                })
                .onSuccess(upstream -> relay(context.response(), upstream))
                .onFailure(failure -> {
                    LOG.warnf("Forwarding %s to the inference router failed: %s", request.path(), failure.getMessage());
                    refuse(context.response(), new PlatformException(503, "service-unavailable", "Unavailable",
                            "The inference router could not be reached"));
                });
    }

    private static void relay(HttpServerResponse response, HttpClientResponse upstream) {
        if (response.ended() || response.closed()) {
            upstream.request().reset();
            return;
        }
        response.setStatusCode(upstream.statusCode());
        MultiMap headers = response.headers();
        upstream.headers().forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name)) {
                headers.add(name, value);
            }
        });
        upstream.handler(chunk -> {
            response.write(chunk);
            if (response.writeQueueFull()) {
                upstream.pause();
                response.drainHandler(ignored -> upstream.resume());
            }
        });
        upstream.exceptionHandler(failure -> response.reset());
        upstream.endHandler(ignored -> {
            // A trailers-only answer (an error) carries its status in the headers; touching the trailers
            // here would add an empty trailer frame without a status, which clients read as UNKNOWN.
            if (!upstream.trailers().isEmpty()) {
                response.trailers().addAll(upstream.trailers());
            }
            response.end();
        });
    }

    /** A trailers-only gRPC answer: HTTP 200 with the status in the headers and no message. */
    private static void refuse(HttpServerResponse response, PlatformException problem) {
        if (response.headWritten()) {
            response.reset();
            return;
        }
        response.setStatusCode(200)
                .putHeader(HttpHeaders.CONTENT_TYPE, "application/grpc")
                .putHeader("grpc-status", String.valueOf(grpcStatus(problem.status())))
                .putHeader("grpc-message", percentEncode(problem.getMessage()));
        problem.headers().forEach(response::putHeader);
        response.end();
    }

    /** The gRPC status code closest to an HTTP status (the mapping gRPC's own HTTP spec uses). */
    static int grpcStatus(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> 3;   // INVALID_ARGUMENT
            case 401 -> 16;  // UNAUTHENTICATED
            case 403 -> 7;   // PERMISSION_DENIED
            case 404 -> 5;   // NOT_FOUND
            case 413, 429 -> 8; // RESOURCE_EXHAUSTED
            case 502, 503, 504 -> 14; // UNAVAILABLE
            default -> 13;   // INTERNAL
        };
    }

    /** grpc-message is percent-encoded UTF-8 outside printable ASCII, per the gRPC HTTP/2 spec. */
    static String percentEncode(String message) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : (message == null ? "" : message).getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c <= 0x7e && c != '%') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
