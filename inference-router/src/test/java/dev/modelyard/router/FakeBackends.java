package dev.modelyard.router;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;

/**
 * Starts {@link FakeRegistry} and {@link FakeModelServer} on free ports and points the router at them. A
 * second model server, which the router does not discover, serves acme's {@code replicated} (placed on a
 * dead backend and on it) and nothing serves {@code stranded} (placed on the dead backend only).
 */
public class FakeBackends implements QuarkusTestResourceLifecycleManager {

    private final FakeRegistry registry = new FakeRegistry();
    private final FakeModelServer modelServer = new FakeModelServer();
    private final FakeModelServer placedServer = new FakeModelServer();

    @Override
    public Map<String, String> start() {
        try {
            String dead = "127.0.0.1:" + closedPort();
            registry.place("acme/replicated/production", List.of(dead, "127.0.0.1:" + placedServer.start()));
            registry.place("acme/stranded/production", List.of(dead));
            return Map.of("modelyard.router.services.registry", "http://127.0.0.1:" + registry.start(),
                    "modelyard.router.model-servers", "127.0.0.1:" + modelServer.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        registry.stop();
        modelServer.stop();
        placedServer.stop();
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
