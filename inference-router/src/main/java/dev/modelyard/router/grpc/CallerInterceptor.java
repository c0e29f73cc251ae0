package dev.modelyard.router.grpc;

import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.router.resolve.ForwardedCaller;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;

/**
 * Authenticates gRPC calls like {@code InternalTokenMechanism} authenticates HTTP ones: metadata
 * {@code authorization: Bearer <internal token>}. The verified caller travels in the gRPC
 * {@link Context} to the service, which hands it on explicitly.
 */
@ApplicationScoped
public class CallerInterceptor implements ServerInterceptor {

    static final Context.Key<ForwardedCaller> CALLER = Context.key("modelyard.caller");

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    /** Liveness and readiness of the router itself reveal nothing about any tenant; probes call them bare. */
    private static final Set<String> OPEN_METHODS = Set.of(
            GRPCInferenceServiceGrpc.getServerLiveMethod().getFullMethodName(),
            GRPCInferenceServiceGrpc.getServerReadyMethod().getFullMethodName());

    private final InternalTokens.Verifier verifier;

    public CallerInterceptor(InternalTokens.Verifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        if (OPEN_METHODS.contains(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        ForwardedCaller caller;
        try {
            caller = ForwardedCaller.verified(verifier, headers.get(AUTHORIZATION));
        } catch (PlatformException refused) {
            return refuse(call, refused.status() == 401
                    ? Status.UNAUTHENTICATED.withDescription("Missing or invalid credentials")
                    : Status.PERMISSION_DENIED.withDescription(refused.getMessage()));
        }
        Context context = Context.current().withValue(CALLER, caller);
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
