package dev.modelyard.router.infer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.error.FieldError;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.common.error.ProblemResponses;
import dev.modelyard.common.tenant.CallerFilter;
import dev.modelyard.router.resolve.ForwardedCaller;
import dev.modelyard.router.routing.StickyKeys;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * KServe v2 inference over HTTP: {@code POST /v2/models/{name}[/versions/{version}]/infer}, with a JSON body or the
 * binary tensor extension. {@code name} is {@code churn}, {@code churn@staging} or {@code churn@3}.
 *
 * <p>Every paying call takes this path, so it is a plain route on the event loop, ahead of Quarkus' security
 * handlers (authentication at order -200) and the REST layer, whose resource matching, filters, interceptors,
 * context propagation and security identity cost more per call than the call's own work. What they would do for
 * it is done here: the internal token is verified as {@code InternalTokenMechanism} verifies it, the caller's role
 * is checked as {@code @RolesAllowed} would ({@link ForwardedCaller#verified}, as for gRPC), the tenant and
 * request id go into the log context as {@code CallerFilter} puts them, and failures are answered as
 * problem+json. The model's other endpoints stay in {@link InferenceResource}.
 */
@ApplicationScoped
public class InferRoute {

    /** The binary tensor extension's header: how many bytes of the body are JSON. */
    static final String INFERENCE_HEADER_LENGTH = "Inference-Header-Content-Length";
    static final int ORDER = -250;

    private final InferenceService inference;
    private final ObjectMapper json;
    private final InternalTokens.Verifier verifier;
    private final long maxBodySize;

    public InferRoute(InferenceService inference, ObjectMapper json, InternalTokens.Verifier verifier,
                      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                      MemorySize maxBodySize) {
        this.inference = inference;
        this.json = json;
        this.verifier = verifier;
        this.maxBodySize = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        for (String path : List.of("/v2/models/:name/infer", "/v2/models/:name/versions/:version/infer")) {
            router.post(path).order(ORDER)
                    .handler(BodyHandler.create(false).setBodyLimit(maxBodySize))
                    .handler(this::infer)
                    .failureHandler(this::failed);
        }
    }

    /**
     * The JSON part, then the raw bytes of the inputs that announce a {@code binary_data_size}. The answer is JSON,
     * or JSON followed by the outputs asked for in binary, with the same header. No step of the call waits on the
     * event loop.
     */
    private void infer(RoutingContext context) {
        HttpServerRequest request = context.request();
        ForwardedCaller caller = ForwardedCaller.verified(verifier, request.getHeader(HttpHeaders.AUTHORIZATION));
        CallerFilter.putLogContext(caller.caller(), request.getHeader(CallerFilter.REQUEST_ID_HEADER));
        Buffer body = context.body().buffer();
        byte[] bytes = body == null ? new byte[0] : body.getBytes();
        int jsonLength = jsonLength(request.getHeader(INFERENCE_HEADER_LENGTH), bytes.length);
        KServeJson.InferenceRequest inputs = readJson(bytes, jsonLength);
        ByteString binary = jsonLength == bytes.length ? ByteString.EMPTY
                : ByteString.copyFrom(bytes, jsonLength, bytes.length - jsonLength);
        // The answer, or a refusal while resolving on a virtual thread, is written on the request's event loop.
        inference.infer(caller, context.pathParam("name"), context.pathParam("version"),
                        request.getHeader(StickyKeys.HEADER), () -> Tensors.fromJson(inputs, binary))
                .whenCompleteAsync((answer, failure) -> {
                    if (failure != null) {
                        context.fail(failure instanceof CompletionException wrapped ? wrapped.getCause() : failure);
                        return;
                    }
                    try {
                        respond(context.response(), Tensors.toJson(answer, inputs));
                    } catch (RuntimeException e) {
                        context.fail(e);
                    }
                }, CallersContext.current());
    }

    private static int jsonLength(String header, int bodyLength) {
        int length;
        try {
            length = header == null ? bodyLength : Integer.parseInt(header.strip());
        } catch (NumberFormatException e) {
            throw PlatformException.badRequest("The JSON part's length is not a number",
                    FieldError.field(INFERENCE_HEADER_LENGTH, "Is '" + header + "'"));
        }
        if (length < 0 || length > bodyLength) {
            throw PlatformException.badRequest("The JSON part does not fit the body", FieldError.field(
                    INFERENCE_HEADER_LENGTH, "Is " + length + " for a body of " + bodyLength + " bytes"));
        }
        return length;
    }

    private KServeJson.InferenceRequest readJson(byte[] body, int length) {
        KServeJson.InferenceRequest request;
        try {
            request = json.readValue(body, 0, length, KServeJson.InferenceRequest.class);
        } catch (IOException e) {
            throw PlatformException.badRequest("The body is not a KServe v2 inference request",
                    FieldError.field("body", e.getMessage().lines().findFirst().orElse("unreadable")));
        }
        if (request == null) {
            throw PlatformException.badRequest("A KServe v2 inference request body is required");
        }
        return request;
    }

    /** The JSON as bytes, and after it the binary outputs, if any. */
    private void respond(HttpServerResponse response, Tensors.JsonAnswer answer) {
        byte[] header;
        try {
            header = json.writeValueAsBytes(answer.json());
        } catch (IOException e) {
            throw new IllegalStateException("An inference answer could not be written", e);
        }
        if (answer.binary().isEmpty()) {
            response.putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(Buffer.buffer(header));
            return;
        }
        byte[] whole = new byte[header.length + answer.binary().size()];
        System.arraycopy(header, 0, whole, 0, header.length);
        answer.binary().copyTo(whole, header.length);
        response.putHeader(HttpHeaders.CONTENT_TYPE, "application/octet-stream")
                .putHeader(INFERENCE_HEADER_LENGTH, Integer.toString(header.length))
                .end(Buffer.buffer(whole));
    }

    /** A failure thrown above or a failed call, or a body the body handler refused (a status only), as problem+json. */
    private void failed(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.headWritten()) {
            response.reset();
            return;
        }
        String path = context.request().path();
        Throwable failure = context.failure();
        PlatformException problem;
        if (failure != null) {
            problem = ProblemResponses.of(failure, path);
        } else if (context.statusCode() == 413) {
            problem = new PlatformException(413, "payload-too-large", "Payload too large",
                    "The body is larger than the " + maxBodySize + " bytes allowed");
        } else {
            problem = PlatformException.badRequest("The body could not be read");
        }
        ProblemResponses.send(response, problem, path, json);
    }
}
