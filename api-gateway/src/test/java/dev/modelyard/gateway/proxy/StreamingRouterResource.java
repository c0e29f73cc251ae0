package dev.modelyard.gateway.proxy;

import dev.modelyard.common.auth.Caller;
import dev.modelyard.common.auth.InternalTokens;
import dev.modelyard.common.auth.PemKeys;
import dev.modelyard.gateway.EchoServiceResource;
import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelInferResponse;
import dev.modelyard.protocols.kserve.ModelStreamInferResponse;
import dev.modelyard.testsupport.TestTokens;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A gRPC server in the router's place (the other services stay the echo service): its ModelStreamInfer
 * verifies the gateway's internal token as the router does and answers every request at once with the
 * request's id and the caller's tenant as the model name, so a test sees each answer cross the gateway
 * while the stream is still open.
 */
public class StreamingRouterResource extends EchoServiceResource {

    /** The verified caller's tenant; {@code io.grpc.Context} in full, as the lifecycle manager has a Context of its own. */
    private static final io.grpc.Context.Key<String> TENANT = io.grpc.Context.key("tenant");
    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private Server router;

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(super.start());
        InternalTokens.Verifier verifier = new InternalTokens.Verifier(PemKeys.readPublic(TestTokens.PUBLIC_KEY),
                "modelyard-gateway", "modelyard-services", Duration.ofMinutes(2));
        GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase service = new GRPCInferenceServiceGrpc.GRPCInferenceServiceImplBase() {
            @Override
            public StreamObserver<ModelInferRequest> modelStreamInfer(StreamObserver<ModelStreamInferResponse> answers) {
                String tenant = TENANT.get();
                return new StreamObserver<>() {
                    @Override
                    public void onNext(ModelInferRequest request) {
                        answers.onNext(ModelStreamInferResponse.newBuilder().setInferResponse(ModelInferResponse
                                .newBuilder().setId(request.getId()).setModelName(tenant)).build());
                    }

                    @Override
                    public void onError(Throwable failure) {
                    }

                    @Override
                    public void onCompleted() {
                        answers.onCompleted();
                    }
                };
            }
        };
        try {
            router = NettyServerBuilder.forPort(0).addService(ServerInterceptors.intercept(service,
                    new ServerInterceptor() {
                        @Override
                        public <Q, A> ServerCall.Listener<Q> interceptCall(ServerCall<Q, A> call, Metadata headers,
                                                                           ServerCallHandler<Q, A> next) {
                            Caller caller;
                            try {
                                caller = verifier.verify(headers.get(AUTHORIZATION).substring("Bearer ".length()));
                            } catch (RuntimeException e) {
                                call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
                                return new ServerCall.Listener<>() {
                                };
                            }
                            return Contexts.interceptCall(io.grpc.Context.current().withValue(TENANT, caller.tenant()),
                                    call, headers, next);
                        }
                    })).build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        config.put("modelyard.gateway.services.router", "http://127.0.0.1:" + router.getPort());
        return config;
    }

    @Override
    public void stop() {
        if (router != null) {
            router.shutdownNow();
        }
        super.stop();
    }
}
