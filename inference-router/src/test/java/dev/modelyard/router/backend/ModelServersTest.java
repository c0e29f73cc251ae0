package dev.modelyard.router.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.modelyard.common.error.PlatformException;
import dev.modelyard.protocols.kserve.ModelInferRequest;
import io.grpc.Status;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelServersTest {

    @Test
    void aModelServerThatIsDownIsA503ToRetryShortly() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        ModelServers servers = new ModelServers(List.of("127.0.0.1:" + closedPort), Duration.ofSeconds(5));
        try {
            assertThatThrownBy(() -> servers.infer(ModelInferRequest.newBuilder().setModelName("rm-1").build()))
                    .isInstanceOfSatisfying(PlatformException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.typeSlug()).isEqualTo("model-server-unavailable");
                        assertThat(e.headers()).containsEntry("Retry-After", "1");
                    });
        } finally {
            servers.close();
        }
    }

    @Test
    void mapsModelServerStatusesToProblems() {
        assertThat(ModelServers.failure(Status.DEADLINE_EXCEEDED).status()).isEqualTo(503);
        assertThat(ModelServers.failure(Status.NOT_FOUND).typeSlug()).isEqualTo("model-not-loaded");
        assertThat(ModelServers.failure(Status.INVALID_ARGUMENT.withDescription("bad")).status()).isEqualTo(400);
        assertThat(ModelServers.failure(Status.INTERNAL).status()).isEqualTo(502);
    }
}
