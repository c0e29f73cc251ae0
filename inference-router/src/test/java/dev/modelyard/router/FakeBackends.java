package dev.modelyard.router;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Starts {@link FakeRegistry} and {@link FakeModelServer} on free ports and points the router at them. */
public class FakeBackends implements QuarkusTestResourceLifecycleManager {

    private final FakeRegistry registry = new FakeRegistry();
    private final FakeModelServer modelServer = new FakeModelServer();

    @Override
    public Map<String, String> start() {
        try {
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
    }
}
