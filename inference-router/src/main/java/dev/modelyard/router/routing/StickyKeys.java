package dev.modelyard.router.routing;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The sticky key of a call: HTTP header {@code X-Sticky-Key}, gRPC metadata {@code x-sticky-key}. This
 * interceptor carries the gRPC one in the call's {@link Context}; HTTP resources read the header themselves.
 */
@ApplicationScoped
@GlobalInterceptor
public class StickyKeys implements ServerInterceptor {

    public static final String HEADER = "X-Sticky-Key";

    private static final Metadata.Key<String> METADATA = Metadata.Key.of("x-sticky-key", Metadata.ASCII_STRING_MARSHALLER);
    private static final Context.Key<String> KEY = Context.key("modelyard.sticky-key");

    /** The sticky key of the current gRPC call, or null. */
    public static String ofCurrentCall() {
        return KEY.get();
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        String key = headers.get(METADATA);
        if (key == null) {
            return next.startCall(call, headers);
        }
        return Contexts.interceptCall(Context.current().withValue(KEY, key), call, headers, next);
    }
}
