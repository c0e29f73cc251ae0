package dev.modelyard.router.metering;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A fresh usage spool directory for each test application, so that events a previous run left
 * undelivered are never replayed into this run's freshly created database.
 */
public class UsageSpoolDirectory implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        try {
            Path directory = Files.createTempDirectory("usage-spool-");
            return Map.of("modelyard.router.usage.spool.directory", directory.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void stop() {
        // The directory stays for inspection after a failure, like the test database.
    }
}
