package dev.modelyard.bench.dataplane;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import java.util.concurrent.TimeUnit;

/**
 * KServe v2 over gRPC: one unary {@code ModelInfer} with a fixed request on a shared channel (HTTP/2, the
 * concurrent callers multiplexed on it, as Triton clients do); a failed call throws its status.
 */
public final class GrpcInferenceCall implements InferenceCall {

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final long DEADLINE_SECONDS = 30;

    private final GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub stub;
    private final ModelInferRequest request;

    public GrpcInferenceCall(ManagedChannel channel, String authorization, ModelInferRequest request) {
        GRPCInferenceServiceGrpc.GRPCInferenceServiceBlockingStub plain = GRPCInferenceServiceGrpc.newBlockingStub(channel);
        if (authorization != null) {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, authorization);
            plain = plain.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        this.stub = plain;
        this.request = request;
    }

    @Override
    public void call() {
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).modelInfer(request);
    }
}
