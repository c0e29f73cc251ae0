package dev.modelyard.gateway.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelyard.protocols.kserve.GRPCInferenceServiceGrpc;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import dev.modelyard.protocols.kserve.ModelStreamInferResponse;
import dev.modelyard.testsupport.KeycloakResource;
import dev.modelyard.testsupport.KeycloakTokens;
import dev.modelyard.testsupport.PostgresResource;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** KServe's bidirectional ModelStreamInfer through the gateway's gRPC entrance, with a real gRPC client. */
@QuarkusTest
@TestProfile(GrpcStreamRelayTest.Profile.class)
class GrpcStreamRelayTest {

    /** The gateway's usual test stack, with a gRPC server in the router's place. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class, Map.of("database", "modelyard_test_gateway")),
                    new TestResourceEntry(KeycloakResource.class),
                    new TestResourceEntry(StreamingRouterResource.class));
        }
    }

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @TestHTTPResource("/")
    URL gateway;

    /** Each answer arrives while the stream is open, before the next request is sent: nothing waits for the end. */
    @Test
    void relaysEachStreamedAnswerAsItComes() throws Exception {
        ManagedChannel channel = NettyChannelBuilder.forAddress(gateway.getHost(), gateway.getPort()).usePlaintext().build();
        try {
            Metadata headers = new Metadata();
            headers.put(AUTHORIZATION, "Bearer " + KeycloakTokens.accessToken("acme-admin"));
            BlockingQueue<ModelStreamInferResponse> answers = new LinkedBlockingQueue<>();
            CountDownLatch completed = new CountDownLatch(1);
            StreamObserver<ModelInferRequest> requests = GRPCInferenceServiceGrpc.newStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
                    .modelStreamInfer(new StreamObserver<>() {
                        @Override
                        public void onNext(ModelStreamInferResponse answer) {
                            answers.add(answer);
                        }

                        @Override
                        public void onError(Throwable failure) {
                        }

                        @Override
                        public void onCompleted() {
                            completed.countDown();
                        }
                    });
            for (String id : List.of("first", "second", "third")) {
                requests.onNext(ModelInferRequest.newBuilder().setModelName("churn").setId(id).build());
                ModelStreamInferResponse answer = answers.poll(20, TimeUnit.SECONDS);
                assertThat(answer).as("answer to %s while the stream is open", id).isNotNull();
                assertThat(answer.getInferResponse().getId()).isEqualTo(id);
                assertThat(answer.getInferResponse().getModelName()).isEqualTo("acme");
            }
            requests.onCompleted();
            assertThat(completed.await(20, TimeUnit.SECONDS)).isTrue();
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
