package dev.modelyard.registry.discovery;

import java.util.List;
import java.util.function.Consumer;

/**
 * The model servers, as gRPC targets ({@code host:port}), in a stable order. A discovery that follows a cluster
 * changes its answer over time and tells its listeners each time it does.
 */
public interface ModelServerDiscovery extends AutoCloseable {

    List<String> targets();

    /** Whether {@link #targets()} may change while the registry runs. */
    boolean followsChanges();

    /** Whether {@link #targets()} is complete: false while a discovery is still making its first list. */
    default boolean synced() {
        return true;
    }

    /** {@code listener} gets the new targets after each change (on the discovery's own thread; it should not block). */
    void onChange(Consumer<List<String>> listener);

    @Override
    default void close() {
    }
}
