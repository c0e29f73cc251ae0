package dev.modelyard.router.grpc;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokenConfig;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.auth.PemKeys;
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

    public CallerInterceptor(InternalTokenConfig config) {
        this.verifier = new InternalTokens.Verifier(PemKeys.readPublic(config.publicKeyLocation()),
                config.issuer(), config.audience(), config.ttl());
    }

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                       ServerCallHandler<Q, A> next) {
        if (OPEN_METHODS.contains(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        String authorization = headers.get(AUTHORIZATION);
        Caller caller;
        try {
            caller = verifier.verifyAuthorization(authorization);
        } catch (InternalTokens.InvalidTokenException e) {
            caller = null;
        }
        if (caller == null) {
            return refuse(call, Status.UNAUTHENTICATED.withDescription("Missing or invalid credentials"));
        }
        if (!caller.hasRole(Caller.TENANT_MEMBER)) {
            return refuse(call, Status.PERMISSION_DENIED.withDescription("Your role does not allow this operation"));
        }
        Context context = Context.current().withValue(CALLER, new ForwardedCaller(caller, authorization));
        return Contexts.interceptCall(context, call, headers, next);
    }

    private static <Q, A> ServerCall.Listener<Q> refuse(ServerCall<Q, A> call, Status status) {
        call.close(status, new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
