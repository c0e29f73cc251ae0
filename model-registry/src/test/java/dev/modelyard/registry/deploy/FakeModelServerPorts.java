package dev.modelyard.registry.deploy;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

/**
 * Points {@code modelyard.registry.model-servers} at two free local ports, where {@link FakeModelServers}
 * listens once the application starts.
 */
public class FakeModelServerPorts implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("modelyard.registry.model-servers", "127.0.0.1:" + freePort() + ",127.0.0.1:" + freePort());
    }

    @Override
    public void stop() {
        // FakeModelServers stops its servers with the application.
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
